; Standard capture attributes published from the summaries, only where they
; are exactly valid: a pointer stored into a local object that does not
; escape is not captured (LLVM's own inference says it is), one that is only
; returned is captured by the return alone, and functions that compare
; pointers, convert them to integers, or pass them to functions defined here
; get nothing.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes='function-attrs,heap2stack' -S %s | FileCheck --check-prefix=AFTER-FA %s
; LLVM's own inference on the same input, for comparison (see also
; address-observed.ll, printf-pointer.ll, naked.ll, inline-asm.ll):
; RUN: opt -passes=function-attrs -S %s | FileCheck --check-prefix=FA %s

declare noalias ptr @malloc(i64)
declare void @free(ptr)
@g = global ptr null

; CHECK-LABEL: define i32 @stored_in_local_box_not_captured(ptr captures(none) "heap2stack.leaks"=
; AFTER-FA-LABEL: define i32 @stored_in_local_box_not_captured(ptr captures(none)
; FA-LABEL:       define i32 @stored_in_local_box_not_captured(ptr %p)
define i32 @stored_in_local_box_not_captured(ptr %p) {
  %box = call ptr @malloc(i64 8)
  store ptr %p, ptr %box
  %q = load ptr, ptr %box
  %v = load i32, ptr %q
  call void @free(ptr %box)
  ret i32 %v
}

; CHECK-LABEL: define void @stored_to_global_captured(ptr "heap2stack.leaks"=
define void @stored_to_global_captured(ptr %p) {
  store ptr %p, ptr @g
  ret void
}

; CHECK-LABEL: define ptr @returned_only(ptr captures(ret: address, provenance) "heap2stack.leaks"=
; FA-LABEL:    define ptr @returned_only(ptr readnone captures(ret: address, provenance) %p)
define ptr @returned_only(ptr %p) {
  %q = getelementptr i8, ptr %p, i64 4
  ret ptr %q
}

; Comparing the address captures it in LLVM's sense: nothing published.
; CHECK-LABEL: define i1 @compared_gets_nothing(ptr "heap2stack.leaks"=
define i1 @compared_gets_nothing(ptr %p, ptr %q) {
  %c = icmp eq ptr %p, %q
  ret i1 %c
}

; Comparing with null captures address_is_null in LLVM's terms, which is
; what function-attrs infers too; callers treat it as no capture.
; CHECK-LABEL: define i1 @null_test_not_captured(ptr captures(address_is_null) "heap2stack.leaks"=
; FA-LABEL:    define i1 @null_test_not_captured(ptr readnone captures(address_is_null) %p)
define i1 @null_test_not_captured(ptr %p) {
  %c = icmp eq ptr %p, null
  ret i1 %c
}

; CHECK-LABEL: define i64 @ptrtoint_gets_nothing(ptr "heap2stack.leaks"=
define i64 @ptrtoint_gets_nothing(ptr %p) {
  %i = ptrtoint ptr %p to i64
  ret i64 %i
}

; Written through an out-parameter: captured.
; CHECK-LABEL: define void @stored_to_out_param_captured(ptr captures(none) "heap2stack.leaks"="mut=0" "heap2stack.out"="1" %out, ptr "heap2stack.leaks"=
define void @stored_to_out_param_captured(ptr %out, ptr %p) {
  store ptr %p, ptr %out
  ret void
}

; Weak definitions may be replaced: no summary, no attribute.
; CHECK-LABEL: define weak i32 @weak_gets_nothing(ptr %p)
define weak i32 @weak_gets_nothing(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}
