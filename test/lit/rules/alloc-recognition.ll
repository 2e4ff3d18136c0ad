; Allocation sites (issue 2, item 4): recognised by LLVM's allocator
; attributes (allockind, allocsize, allocalign, allocptr) on any name, and
; by name for declarations without them. Only calls to declarations count:
; an allocator defined in the module is the user's own code.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; --- by attributes --------------------------------------------------------------

declare ptr @my_alloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="mine"
declare void @my_free(ptr allocptr) allockind("free") "alloc-family"="mine"
declare void @my_free_plain(ptr)
declare ptr @my_zalloc(i64, i64) allockind("alloc,zeroed") allocsize(0, 1) "alloc-family"="mine"
declare ptr @my_aligned_alloc(i64 allocalign, i64) allockind("alloc,uninitialized,aligned") allocsize(1) "alloc-family"="mine"
declare ptr @my_realloc(ptr allocptr, i64) allockind("realloc") allocsize(1) "alloc-family"="mine"

; A custom name with allocator attributes, freed by its family's free.
; CHECK-LABEL: define void @custom_allocator_by_attributes_promoted(
; CHECK:         %p.h2s = alloca [24 x i8], align 16
; CHECK-NOT:     call ptr @my_alloc
; CHECK-NOT:     call void @my_free
; CHECK:         ret void
define void @custom_allocator_by_attributes_promoted() {
  %p = call ptr @my_alloc(i64 24)
  call void @use(ptr %p)
  call void @my_free(ptr %p)
  ret void
}

; Near miss: released by a function without attributes (it may do anything).
; CHECK-LABEL: define void @custom_allocator_released_by_unknown_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @my_alloc(i64 24)
define void @custom_allocator_released_by_unknown_escapes() {
  %p = call ptr @my_alloc(i64 24)
  call void @use(ptr %p)
  call void @my_free_plain(ptr %p)
  ret void
}

; allockind("alloc,zeroed") with allocsize(0, 1): a calloc.
; CHECK-LABEL: define void @custom_zeroed_allocator_promoted(
; CHECK:         %p.h2s = alloca [12 x i8], align 16
; CHECK:         call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 12, i1 false)
; CHECK-NOT:     call ptr @my_zalloc
define void @custom_zeroed_allocator_promoted() {
  %p = call ptr @my_zalloc(i64 3, i64 4)
  call void @use(ptr %p)
  call void @my_free(ptr %p)
  ret void
}

; allocalign names the alignment argument.
; CHECK-LABEL: define void @custom_aligned_allocator_promoted(
; CHECK:         %p.h2s = alloca [64 x i8], align 32
; CHECK-NOT:     call ptr @my_aligned_alloc
define void @custom_aligned_allocator_promoted() {
  %p = call ptr @my_aligned_alloc(i64 32, i64 64)
  call void @use(ptr %p)
  call void @my_free(ptr %p)
  ret void
}

; allockind("realloc") blocks like realloc.
; CHECK-LABEL: define void @custom_realloc_blocks(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @my_alloc(i64 24)
define void @custom_realloc_blocks() {
  %p = call ptr @my_alloc(i64 24)
  %q = call ptr @my_realloc(ptr %p, i64 48)
  call void @use(ptr %q)
  call void @my_free(ptr %q)
  ret void
}

; --- by name --------------------------------------------------------------------

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @aligned_alloc(i64, i64)
declare void @free(ptr)
declare ptr @GC_malloc(i64) allocsize(0)
declare ptr @GC_malloc_atomic(i64) allocsize(0)
declare ptr @GC_malloc_uncollectable(i64) allocsize(0)

; -fno-builtin call sites (nobuiltin) to malloc and free: still by name.
; CHECK-LABEL: define void @malloc_nobuiltin_call_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @malloc_nobuiltin_call_promoted() {
  %p = call noalias ptr @malloc(i64 16) nobuiltin nounwind
  call void @use(ptr %p)
  call void @free(ptr %p) nobuiltin nounwind
  ret void
}

; Boehm GC_malloc carries only allocsize: recognised by name; it clears
; the memory, and collected memory is never freed explicitly.
; CHECK-LABEL: define void @gc_malloc_promoted_zeroed(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK:         call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 32, i1 false)
; CHECK-NOT:     call ptr @GC_malloc
define void @gc_malloc_promoted_zeroed() {
  %p = call ptr @GC_malloc(i64 32)
  call void @use(ptr %p)
  ret void
}

; GC_malloc_atomic does not clear.
; CHECK-LABEL: define void @gc_malloc_atomic_promoted_not_zeroed(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK-NOT:     call void @llvm.memset
; CHECK-NOT:     call ptr @GC_malloc_atomic
; CHECK:         ret void
define void @gc_malloc_atomic_promoted_not_zeroed() {
  %p = call ptr @GC_malloc_atomic(i64 32)
  call void @use(ptr %p)
  ret void
}

; GC_malloc_uncollectable is a root for the collector: not an allocation we
; may move.
; CHECK-LABEL: define void @gc_malloc_uncollectable_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @GC_malloc_uncollectable(i64 32)
define void @gc_malloc_uncollectable_not_touched() {
  %p = call ptr @GC_malloc_uncollectable(i64 32)
  call void @use(ptr %p)
  ret void
}
