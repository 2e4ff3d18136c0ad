; Malformed options in pipeline text are rejected with one line naming the
; bad text and a non-zero status, never a crash (`not` fails on a crash).
; RUN: not %opt-h2s -passes='heap2stack<max-size=abc>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ABC
; RUN: not %opt-h2s -passes='heap2stack<foo=1>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
; RUN: not %opt-h2s -passes='heap2stack<max-size=>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=EMPTY
; RUN: not %opt-h2s -passes='heap2stack<max-size=99999999999999999999>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=HUGE
; RUN: not %opt-h2s -passes='heap2stack<max-size=-1>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=NEGATIVE
; RUN: not %opt-h2s -passes='heap2stack<max-size>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=NOVALUE
; RUN: not %opt-h2s -passes='heap2stack<max-size=8;;>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=EMPTYOPT
; RUN: not %opt-h2s -passes='function(heap2stack<max-size=abc>)' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ABC

; ABC:          error: heap2stack: invalid max-size 'abc': expected a number of bytes
; ABC-NOT:      error: heap2stack
; UNKNOWN:      error: heap2stack: unknown option 'foo' (known: max-size,
; UNKNOWN-NOT:  error: heap2stack
; EMPTY:        error: heap2stack: invalid max-size '': expected a number of bytes
; HUGE:         error: heap2stack: invalid max-size '99999999999999999999': expected a number of bytes
; NEGATIVE:     error: heap2stack: invalid max-size '-1': expected a number of bytes
; NOVALUE:      error: heap2stack: option 'max-size' needs a value (key=value)
; EMPTYOPT:     error: heap2stack: empty option in 'max-size=8;;'

define void @f() {
  ret void
}
