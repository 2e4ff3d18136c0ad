; Frees and reallocs (DESIGN.md "Rewrite"): every free that may receive the
; object must receive only it (then it is deleted); a free that may receive
; it together with another object, or any realloc, keeps it on the heap.
; lifetime.start goes at the allocation, lifetime.end at a direct free.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr @realloc(ptr, i64)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; A direct free: lifetime.start at the site, lifetime.end at the free.
; CHECK-LABEL: define void @direct_free_lifetime_markers(
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK-NEXT:    call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK-NEXT:    call void @use(ptr %p.h2s)
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p.h2s)
; CHECK-NEXT:    ret void
define void @direct_free_lifetime_markers() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; The free is on one path only: both the free and the slot's lifetime.end
; sit there; nothing is freed twice.
; CHECK-LABEL: define void @conditional_free_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK:       yes:
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p.h2s)
; CHECK-NEXT:    br label %done
; CHECK-NOT:     call void @free
define void @conditional_free_promoted(i1 %c) {
entry:
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  br i1 %c, label %yes, label %done
yes:
  call void @free(ptr %p)
  br label %done
done:
  ret void
}

; A free through a copy of the pointer (gep 0) is not the allocation itself:
; the free goes, no lifetime.end is placed.
; CHECK-LABEL: define void @free_through_copy_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @free
; CHECK-NOT:     call void @llvm.lifetime.end
; CHECK:         ret void
define void @free_through_copy_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = getelementptr i8, ptr %p, i64 0
  call void @use(ptr %p)
  call void @free(ptr %q)
  ret void
}

; A free of a pointer loaded back from a local slot: points only to p.
; CHECK-LABEL: define void @free_of_reloaded_pointer_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @free_of_reloaded_pointer_promoted() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %slot
  %q = load ptr, ptr %slot
  call void @free(ptr %q)
  ret void
}

; free(c ? p : NULL) only ever frees p.
; CHECK-LABEL: define void @free_select_with_null_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @free_select_with_null_promoted(i1 %c) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  %f = select i1 %c, ptr %p, ptr null
  call void @free(ptr %f)
  ret void
}

; free(c ? p : q) with two local objects: the free may get either, so
; neither moves (removing it would leak the other, keeping it would free
; a stack slot).
; CHECK-LABEL: define void @free_select_of_two_objects_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         %q = call ptr @malloc(i64 16)
; CHECK:         call void @free(ptr %f)
define void @free_select_of_two_objects_stays(i1 %c) {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @use(ptr %q)
  %f = select i1 %c, ptr %p, ptr %q
  call void @free(ptr %f)
  ret void
}

; The same through a phi.
; CHECK-LABEL: define void @free_phi_of_two_objects_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         %q = call ptr @malloc(i64 16)
; CHECK:         call void @free(ptr %f)
define void @free_phi_of_two_objects_stays(i1 %c) {
entry:
  %p = call ptr @malloc(i64 16)
  %q = call ptr @malloc(i64 16)
  br i1 %c, label %a, label %b
a:
  br label %join
b:
  br label %join
join:
  %f = phi ptr [ %p, %a ], [ %q, %b ]
  call void @free(ptr %f)
  ret void
}

; free(c ? p : param): the other pointer comes from the caller.
; CHECK-LABEL: define void @free_select_with_param_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @free(ptr %f)
define void @free_select_with_param_stays(i1 %c, ptr %other) {
  %p = call ptr @malloc(i64 16)
  %f = select i1 %c, ptr %p, ptr %other
  call void @free(ptr %f)
  ret void
}

; Near miss: two objects each freed by their own free move together.
; CHECK-LABEL: define void @two_objects_own_frees_promoted(
; CHECK-DAG:     %p.h2s = alloca [16 x i8], align 16
; CHECK-DAG:     %q.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @two_objects_own_frees_promoted(i1 %c) {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @use(ptr %q)
  call void @free(ptr %p)
  call void @free(ptr %q)
  ret void
}

; A free of a parameter is not this object's: it stays, the object moves.
; CHECK-LABEL: define void @unrelated_free_kept(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         call void @free(ptr %other)
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @unrelated_free_kept(ptr %other) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %other)
  call void @free(ptr %p)
  ret void
}

; Two frees on different paths both go.
; CHECK-LABEL: define void @two_frees_on_two_paths_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @free
; CHECK:         ret void
define void @two_frees_on_two_paths_promoted(i1 %c) {
entry:
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  br i1 %c, label %a, label %b
a:
  call void @free(ptr %p)
  ret void
b:
  call void @free(ptr %p)
  ret void
}

; No free at all (a leak): still moves.
; CHECK-LABEL: define void @never_freed_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @never_freed_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  ret void
}

; --- realloc -------------------------------------------------------------------

; A realloc that may receive the object blocks the plain move; when the
; realloc'd block escapes (here: kept in a global) it blocks growth from
; the stack too (test/lit/growth/ has the growth rewrite, and the copy at a
; return for a block that is returned).
@realloc_kept = global ptr null
; CHECK-LABEL: define void @realloc_blocks(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call ptr @realloc(ptr %p, i64 32)
define void @realloc_blocks() {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 32)
  call void @use(ptr %r)
  store ptr %r, ptr @realloc_kept
  ret void
}

; Near miss: a realloc of another pointer does not concern this object.
; CHECK-LABEL: define ptr @realloc_of_other_pointer_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         call ptr @realloc(ptr %other, i64 32)
define ptr @realloc_of_other_pointer_promoted(ptr %other) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  %r = call ptr @realloc(ptr %other, i64 32)
  ret ptr %r
}

; realloc copies the contents into a new heap block: what the object held
; goes with them (here the new block is returned, so they escape).
; CHECK-LABEL: define ptr @realloc_moves_contents_to_heap(
; CHECK:         %val = call ptr @malloc(i64 4)
define ptr @realloc_moves_contents_to_heap() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  %r = call ptr @realloc(ptr %box, i64 16)
  ret ptr %r
}
