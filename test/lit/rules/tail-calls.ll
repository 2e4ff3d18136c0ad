; Tail calls (DESIGN.md "Rewrite"): a `tail` call may not touch its caller's frame,
; so `tail` is cleared on every call that may receive the promoted object,
; directly or through memory (llvm#58744: Attributor left it). A `musttail`
; call that may receive it blocks the move.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @write_only(ptr captures(none)) nofree nounwind memory(argmem: write)
declare void @use2(ptr captures(none), ptr captures(none)) nofree nounwind memory(argmem: read)

; CHECK-LABEL: define void @tail_cleared_on_call_receiving_object(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     tail call
; CHECK:         {{^  }}call void @use(ptr %p.h2s)
define void @tail_cleared_on_call_receiving_object() {
  %p = call ptr @malloc(i64 16)
  store i32 0, ptr %p
  tail call void @use(ptr %p)
  ret void
}

; Near miss: a tail call that does not receive the object keeps `tail`.
; CHECK-LABEL: define void @tail_kept_on_unrelated_call(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK:         tail call void @use(ptr %other)
define void @tail_kept_on_unrelated_call(ptr %other) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  tail call void @use(ptr %other)
  ret void
}

; The call receives a box that points to the object (the callee cannot
; read the pointer, so both move).
; CHECK-LABEL: define void @tail_cleared_when_object_reachable_through_memory(
; CHECK-DAG:     %box.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     tail call
; CHECK:         {{^  }}call void @write_only(ptr %box.h2s)
define void @tail_cleared_when_object_reachable_through_memory() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  tail call void @write_only(ptr %box)
  ret void
}

; The object is the second argument.
; CHECK-LABEL: define void @tail_cleared_on_second_argument(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     tail call
; CHECK:         {{^  }}call void @use2(ptr %x, ptr %p.h2s)
define void @tail_cleared_on_second_argument(ptr %x) {
  %p = call ptr @malloc(i64 16)
  tail call void @use2(ptr %x, ptr %p)
  ret void
}

; musttail that receives the object: stays on the heap.
; CHECK-LABEL: define void @musttail_receiving_object_blocks(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         musttail call void @use(ptr %p)
define void @musttail_receiving_object_blocks(ptr %x) {
  %p = call ptr @malloc(i64 16)
  musttail call void @use(ptr %p)
  ret void
}

; Near miss: the musttail call does not receive it.
; CHECK-LABEL: define void @musttail_unrelated_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         musttail call void @use(ptr %x)
define void @musttail_unrelated_promoted(ptr %x) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  musttail call void @use(ptr %x)
  ret void
}

; musttail that receives a box pointing to the object blocks both.
; CHECK-LABEL: define void @musttail_reaching_through_memory_blocks(
; CHECK-NOT:     alloca [
; CHECK:         %box = call ptr @malloc(i64 8)
; CHECK:         %val = call ptr @malloc(i64 4)
define void @musttail_reaching_through_memory_blocks(ptr %x) {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  musttail call void @write_only(ptr %box)
  ret void
}
