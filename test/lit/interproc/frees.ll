; Frees in helpers: a helper that frees (or reallocates) memory its caller
; handed it, directly or through a box, must keep the caller's object on the
; heap: the free is in the callee and cannot be removed from there. A helper
; that only frees its parameter (always or on some calls) is a free wrapper
; (wrappers.c): it is inlined where the object moves, and its free goes.
; Within one SCC frees of parameters keep the object on the heap.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s
; RUN: %opt-h2s -passes='heap2stack<grow-inline=0>' -S %s | FileCheck --check-prefix=OFF %s

declare ptr @malloc(i64)
declare ptr @realloc(ptr, i64)
declare void @free(ptr)
declare ptr @GC_malloc(i64)
declare void @GC_free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

define internal void @release(ptr %p) noinline {
  call void @free(ptr %p)
  ret void
}

define internal void @release_boxed(ptr %box) noinline {
  %p = load ptr, ptr %box
  call void @free(ptr %p)
  ret void
}

define internal void @release_if(ptr %p, i1 %c) noinline {
  br i1 %c, label %yes, label %no
yes:
  call void @free(ptr %p)
  br label %no
no:
  ret void
}

define internal ptr @grow(ptr %p) noinline {
  %q = call ptr @realloc(ptr %p, i64 64)
  ret ptr %q
}

define internal void @gc_release(ptr %p) noinline {
  call void @GC_free(ptr %p)
  ret void
}

define internal void @read_then_release(ptr %p) noinline {
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

define internal void @peek(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}

; CHECK-LABEL: define void @freed_by_free_wrapper_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @release
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @freed_by_free_wrapper_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @release(ptr %p)
  ret void
}

; Near miss: the helper also reads the block: not a free wrapper.
; CHECK-LABEL: define void @freed_by_reading_helper_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @read_then_release(ptr %p)
define void @freed_by_reading_helper_stays() {
  %p = call ptr @malloc(i64 16)
  call void @read_then_release(ptr %p)
  ret void
}

; Near miss: the helper only reads; the caller frees.
; CHECK-LABEL: define void @read_by_helper_freed_here_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK-NOT:     call void @free
define void @read_by_helper_freed_here_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @peek(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @freed_through_box_by_helper_stays(
; CHECK-NOT:     alloca [16
; CHECK:         %p = call ptr @malloc(i64 16)
define void @freed_through_box_by_helper_stays() {
  %box = alloca ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @release_boxed(ptr %box)
  ret void
}

; CHECK-LABEL: define void @maybe_freed_by_free_wrapper_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @release_if
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @maybe_freed_by_free_wrapper_promoted(i1 %c) {
  %p = call ptr @malloc(i64 16)
  call void @release_if(ptr %p, i1 %c)
  ret void
}

; A helper that reallocates is inlined where that lets the block start on
; the stack and grow into the heap (growinline.c; the name predates it);
; with grow-inline=0 the block stays on the heap.
; CHECK-LABEL: define void @reallocated_by_helper_stays(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @grow
; CHECK:         icmp eq ptr %h2s.p, %p.h2s
; OFF-LABEL:   define void @reallocated_by_helper_stays(
; OFF-NOT:       alloca [
; OFF:           %p = call ptr @malloc(i64 16)
define void @reallocated_by_helper_stays() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @grow(ptr %p)
  call void @free(ptr %q)
  ret void
}

; CHECK-LABEL: define void @gc_freed_by_free_wrapper_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @gc_release
; CHECK-NOT:     call void @GC_free
; CHECK:         ret void
define void @gc_freed_by_free_wrapper_promoted() {
  %p = call ptr @GC_malloc(i64 16)
  call void @gc_release(ptr %p)
  ret void
}

; --- inside one SCC: the free stays in the callee, so the object stays ----

; CHECK-LABEL: define void @scc_free_in_callee(
; CHECK:         call void @free(ptr %p)
define void @scc_free_in_callee(ptr %p, i32 %n) noinline {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @scc_allocates_and_recurses(i32 %m)
  ret void
done:
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @scc_allocates_and_recurses(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @scc_free_in_callee(ptr %p, i32 %n)
define void @scc_allocates_and_recurses(i32 %n) noinline {
  %p = call ptr @malloc(i64 16)
  call void @scc_free_in_callee(ptr %p, i32 %n)
  ret void
}
