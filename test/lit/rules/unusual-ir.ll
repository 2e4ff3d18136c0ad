; Unusual IR the pass must survive, with valid IR after it (-verify-each):
; unreachable blocks, self-referencing objects, phi cycles, vector GEPs,
; callbr, indirectbr, va_arg, Windows EH funclets, unused allocations.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s
; RUN: %opt-h2s -passes='inferattrs,heap2stack,verify' -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @unknown(ptr)
declare void @llvm.va_start.p0(ptr)
declare void @llvm.va_end.p0(ptr)
declare i32 @__CxxFrameHandler3(...)
declare void @may_throw()

@g = global ptr null

; An allocation whose result is never used.
; CHECK-LABEL: define void @unused_allocation_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @unused_allocation_promoted() {
  %p = call ptr @malloc(i64 16)
  ret void
}

; An allocation in an unreachable block (with a self loop).
; CHECK-LABEL: define void @allocation_in_unreachable_block(
; CHECK-NEXT:  entry:
define void @allocation_in_unreachable_block() {
entry:
  ret void
dead:
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  br label %dead
}

; A free in an unreachable block still counts as a free of the object.
; CHECK-LABEL: define void @free_in_unreachable_block(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @free
define void @free_in_unreachable_block() {
entry:
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  ret void
dead:
  call void @free(ptr %p)
  br label %dead
}

; An unreachable block that publishes the object: sound to ignore or not,
; but the IR must stay valid; here the analysis is flow-insensitive and
; keeps the object on the heap.
; CHECK-LABEL: define void @escape_in_unreachable_block(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @escape_in_unreachable_block() {
entry:
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  ret void
dead:
  store ptr %p, ptr @g
  br label %dead
}

; The object points to itself.
; CHECK-LABEL: define void @self_referencing_object_promoted(
; CHECK:         %p.h2s = alloca [8 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @self_referencing_object_promoted() {
  %p = call ptr @malloc(i64 8)
  store ptr %p, ptr %p
  %q = load ptr, ptr %p
  %r = load ptr, ptr %q
  call void @free(ptr %r)
  ret void
}

; Near miss: the self-referencing object is published through itself.
; CHECK-LABEL: define void @self_referencing_object_published_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 8)
define void @self_referencing_object_published_escapes() {
  %p = call ptr @malloc(i64 8)
  store ptr %p, ptr %p
  %q = load ptr, ptr %p
  %r = load ptr, ptr %q
  store ptr %r, ptr @g
  ret void
}

; A phi that feeds itself in a loop, around a pointer allocated before the
; loop.
; CHECK-LABEL: define void @phi_cycle_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @phi_cycle_promoted(i32 %n) {
entry:
  %p = call ptr @malloc(i64 16)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %q = phi ptr [ %p, %entry ], [ %q, %loop ]
  store i32 %i, ptr %q
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  call void @free(ptr %p)
  ret void
}

; A vector of pointers built by a vector GEP, one lane stored to a global.
; CHECK-LABEL: define void @vector_gep_lane_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @vector_gep_lane_escapes() {
  %p = call ptr @malloc(i64 16)
  %v = insertelement <2 x ptr> poison, ptr %p, i64 0
  %s = shufflevector <2 x ptr> %v, <2 x ptr> poison, <2 x i32> zeroinitializer
  %w = getelementptr i8, <2 x ptr> %s, <2 x i64> <i64 0, i64 8>
  %e = extractelement <2 x ptr> %w, i64 1
  store ptr %e, ptr @g
  ret void
}

; callbr (asm goto) gets the pointer: it escapes.
; CHECK-LABEL: define void @callbr_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @callbr_escapes() {
entry:
  %p = call ptr @malloc(i64 16)
  callbr void asm "", "r,!i"(ptr %p) to label %next [label %other]
next:
  ret void
other:
  ret void
}

; Near miss: callbr elsewhere in the function does not see the object.
; CHECK-LABEL: define void @callbr_unrelated_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @callbr_unrelated_promoted() {
entry:
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  callbr void asm "", "!i"() to label %next [label %other]
next:
  ret void
other:
  ret void
}

; indirectbr and blockaddress.
; CHECK-LABEL: define void @indirectbr_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @indirectbr_promoted(i1 %c) {
entry:
  %p = call ptr @malloc(i64 16)
  %t = select i1 %c, ptr blockaddress(@indirectbr_promoted, %a), ptr blockaddress(@indirectbr_promoted, %b)
  indirectbr ptr %t, [label %a, label %b]
a:
  call void @use(ptr %p)
  br label %b
b:
  call void @free(ptr %p)
  ret void
}

; va_arg: values read from the list are unknown memory.
; CHECK-LABEL: define void @store_through_va_arg_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @store_through_va_arg_escapes(i32 %n, ...) {
  %ap = alloca ptr
  call void @llvm.va_start.p0(ptr %ap)
  %q = va_arg ptr %ap, ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %q
  call void @llvm.va_end.p0(ptr %ap)
  ret void
}

; Near miss: the va_arg pointer is stored into the object.
; CHECK-LABEL: define void @va_arg_into_object_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @va_arg_into_object_promoted(i32 %n, ...) {
  %ap = alloca ptr
  call void @llvm.va_start.p0(ptr %ap)
  %q = va_arg ptr %ap, ptr
  %p = call ptr @malloc(i64 16)
  store ptr %q, ptr %p
  call void @free(ptr %p)
  call void @llvm.va_end.p0(ptr %ap)
  ret void
}

; Windows EH: a funclet cleanup that frees the object.
; CHECK-LABEL: define void @funclet_cleanup_free_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @free
; CHECK:         cleanupret
define void @funclet_cleanup_free_promoted() personality ptr @__CxxFrameHandler3 {
entry:
  %p = call ptr @malloc(i64 16)
  invoke void @may_throw() to label %done unwind label %cleanup
done:
  call void @free(ptr %p)
  ret void
cleanup:
  %cp = cleanuppad within none []
  call void @free(ptr %p) [ "funclet"(token %cp) ]
  cleanupret from %cp unwind to caller
}

; A catchpad whose catch object slot is written by the runtime.
; CHECK-LABEL: define void @catchpad_slot_escapes_stored_object(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @catchpad_slot_escapes_stored_object() personality ptr @__CxxFrameHandler3 {
entry:
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  invoke void @may_throw() to label %done unwind label %dispatch
dispatch:
  %cs = catchswitch within none [label %handler] unwind to caller
handler:
  %cp = catchpad within %cs [ptr null, i32 64, ptr %slot]
  %e = load ptr, ptr %slot
  store ptr %p, ptr %e
  catchret from %cp to label %done
done:
  ret void
}
