; Inside a larger pipeline, or under module()/cgscc(), a malformed option
; still gets heap2stack's one-line reason (not only LLVM's "unknown pass").
; RUN: not %opt-h2s -passes='inferattrs,heap2stack<foo=1>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
; RUN: not %opt-h2s -passes='module(heap2stack<max-size=abc>)' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ABC
; RUN: not %opt-h2s -passes='cgscc(heap2stack<max-size=abc>)' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ABC

; UNKNOWN: error: heap2stack: unknown option 'foo'
; ABC:     error: heap2stack: invalid max-size 'abc': expected a number of bytes

define void @f() {
  ret void
}
