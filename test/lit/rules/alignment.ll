; Alignment (DESIGN.md "Rewrite"): the slot is aligned at least as the allocator
; guarantees: 16 for malloc/calloc even for tiny sizes (llvm#54747 gave
; malloc(4) an align-1 alloca), the alignment argument of aligned_alloc, the
; align attribute on the result. A non-constant alignment stays on the heap.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='inferattrs,heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @aligned_alloc(i64, i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; CHECK-LABEL: define void @malloc4_align16(
; CHECK:         %p.h2s = alloca [4 x i8], align 16
define void @malloc4_align16() {
  %p = call ptr @malloc(i64 4)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @malloc1_align16(
; CHECK:         %p.h2s = alloca [1 x i8], align 16
define void @malloc1_align16() {
  %p = call ptr @malloc(i64 1)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @calloc_align16(
; CHECK:         %p.h2s = alloca [2 x i8], align 16
define void @calloc_align16() {
  %p = call ptr @calloc(i64 1, i64 2)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @aligned_alloc_64(
; CHECK:         %p.h2s = alloca [128 x i8], align 64
; CHECK-NOT:     call ptr @aligned_alloc
define void @aligned_alloc_64() {
  %p = call ptr @aligned_alloc(i64 64, i64 128)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A page-aligned request keeps its alignment.
; CHECK-LABEL: define void @aligned_alloc_4096(
; CHECK:         %p.h2s = alloca [4096 x i8], align 4096
define void @aligned_alloc_4096() {
  %p = call ptr @aligned_alloc(i64 4096, i64 4096)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; An alignment smaller than malloc's still gets 16.
; CHECK-LABEL: define void @aligned_alloc_8_gets_16(
; CHECK:         %p.h2s = alloca [8 x i8], align 16
define void @aligned_alloc_8_gets_16() {
  %p = call ptr @aligned_alloc(i64 8, i64 8)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the alignment is a run-time value.
; CHECK-LABEL: define void @aligned_alloc_variable_alignment_stays(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @aligned_alloc(i64 %a, i64 64)
define void @aligned_alloc_variable_alignment_stays(i64 %a) {
  %p = call ptr @aligned_alloc(i64 %a, i64 64)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; The align attribute on the call's result is a promise to keep.
; CHECK-LABEL: define void @result_align_attribute_32(
; CHECK:         %p.h2s = alloca [64 x i8], align 32
define void @result_align_attribute_32() {
  %p = call align 32 ptr @malloc(i64 64)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}
