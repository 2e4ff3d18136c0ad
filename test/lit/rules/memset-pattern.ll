; llvm.experimental.memset.pattern stores its pattern value, which may be a
; pointer, into the destination: the pointer written into a global escapes,
; and its object stays on the heap (it used to be listed as inert).
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s

declare ptr @malloc(i64)
declare void @llvm.experimental.memset.pattern.p0.p0.i64(ptr, ptr, i64, i1)

@g = global [4 x ptr] zeroinitializer

; CHECK-LABEL: define void @pointer_pattern_into_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @pointer_pattern_into_global_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @llvm.experimental.memset.pattern.p0.p0.i64(ptr @g, ptr %p, i64 4, i1 false)
  ret void
}
