; `resume` hands its operand to the unwinder (_Unwind_Resume): a pointer to
; the object in the resumed aggregate escapes, so the object stays on the
; heap instead of moving to a frame the unwinder is about to pop.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s

declare i32 @__gxx_personality_v0(...)
declare ptr @malloc(i64)
declare void @free(ptr)
declare void @may_throw()

; The object written into the aggregate that is resumed (rethrown).
; CHECK-LABEL: define void @object_in_resumed_aggregate_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @object_in_resumed_aggregate_escapes() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @malloc(i64 16)
  invoke void @may_throw() to label %done unwind label %lpad
done:
  call void @free(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  %fake = insertvalue { ptr, i32 } %lp, ptr %p, 0
  resume { ptr, i32 } %fake
}
