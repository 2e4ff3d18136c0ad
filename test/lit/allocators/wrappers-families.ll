; Families through wrappers: a wrapper around a declared allocator
; (alloc=pool_alloc:...:free=pool_free) allocates that family's blocks, and
; a free wrapper around pool_free frees them. A block of one family handed
; to the other family's free (through a wrapper or not) stays on the heap,
; as it does without wrappers (README, Declaring an allocator).
; RUN: %opt-h2s -passes='heap2stack<alloc=pool_alloc:size=0:free=pool_free;unseen-recursion=0>' -S %s | FileCheck %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr @pool_alloc(i64)
declare void @pool_free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

define ptr @xpool(i64 %n) noinline {
  %p = call ptr @pool_alloc(i64 %n)
  ret ptr %p
}

define void @xpool_free(ptr %p) noinline {
  call void @pool_free(ptr %p)
  ret void
}

define void @xfree(ptr %p) noinline {
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @pool_wrapper_with_pool_free_wrapper_moves(
; CHECK:         alloca [16 x i8]
; CHECK-NOT:     call {{.*}}@xpool
; CHECK-NOT:     call {{.*}}@pool_
; CHECK:         ret void
define void @pool_wrapper_with_pool_free_wrapper_moves() {
  %p = call ptr @xpool(i64 16)
  call void @use(ptr %p)
  call void @xpool_free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @pool_wrapper_with_pool_free_moves(
; CHECK:         alloca [16 x i8]
; CHECK-NOT:     call {{.*}}@pool_free
define void @pool_wrapper_with_pool_free_moves() {
  %p = call ptr @xpool(i64 16)
  call void @use(ptr %p)
  call void @pool_free(ptr %p)
  ret void
}

; Near miss: a pool block handed to free().
; CHECK-LABEL: define void @pool_wrapper_block_to_free_stays(
; CHECK:         %p = call ptr @xpool(i64 16)
; CHECK:         call void @free(ptr %p)
define void @pool_wrapper_block_to_free_stays() {
  %p = call ptr @xpool(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: a pool block handed to a wrapper around free().
; CHECK-LABEL: define void @pool_block_to_free_wrapper_stays(
; CHECK:         %p = call ptr @pool_alloc(i64 16)
; CHECK:         call void @xfree(ptr %p)
define void @pool_block_to_free_wrapper_stays() {
  %p = call ptr @pool_alloc(i64 16)
  call void @use(ptr %p)
  call void @xfree(ptr %p)
  ret void
}

; Near miss: a malloc block handed to a wrapper around pool_free().
; CHECK-LABEL: define void @malloc_block_to_pool_free_wrapper_stays(
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @xpool_free(ptr %p)
define void @malloc_block_to_pool_free_wrapper_stays() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @xpool_free(ptr %p)
  ret void
}
