; calloc (DESIGN.md "Rewrite"): the slot is zeroed at the original site on every
; execution, so an object in a loop is zeroed in each iteration. An
; overflowing count * size is not a constant size.
; RUN: %opt-h2s -passes='heap2stack<small-buffer=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @calloc(i64, i64)
declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; CHECK-LABEL: define void @calloc_zeroed_at_site(
; CHECK-NEXT:    %p.h2s = alloca [32 x i8], align 16
; CHECK-NEXT:    call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 32, i1 false)
; CHECK-NEXT:    call void @use(ptr %p.h2s)
; CHECK-NOT:     call ptr @calloc
define void @calloc_zeroed_at_site() {
  %p = call ptr @calloc(i64 4, i64 8)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: malloc memory is not zeroed.
; CHECK-LABEL: define void @malloc_not_zeroed(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK-NOT:     call void @llvm.memset
; CHECK:         ret void
define void @malloc_not_zeroed() {
  %p = call ptr @malloc(i64 32)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; In a loop: the memset is in the loop (each iteration gets zeroed memory),
; the alloca in the entry block.
; CHECK-LABEL: define void @calloc_in_loop_zeroed_each_iteration(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 16, i1 false)
; CHECK:       exit:
define void @calloc_in_loop_zeroed_each_iteration(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %p = call ptr @calloc(i64 1, i64 16)
  store i32 %i, ptr %p
  call void @use(ptr %p)
  call void @free(ptr %p)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; count * size overflows 64 bits: not a constant size.
; CHECK-LABEL: define void @calloc_overflow_stays(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @calloc(i64 4611686018427387904, i64 8)
define void @calloc_overflow_stays() {
  %p = call ptr @calloc(i64 4611686018427387904, i64 8)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A non-constant count.
; CHECK-LABEL: define void @calloc_variable_count_stays(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @calloc(i64 %n, i64 8)
define void @calloc_variable_count_stays(i64 %n) {
  %p = call ptr @calloc(i64 %n, i64 8)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; calloc that escapes stays (and is not zeroed twice).
; CHECK-LABEL: define ptr @calloc_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @calloc(i64 2, i64 8)
; CHECK-NOT:     call void @llvm.memset
define ptr @calloc_returned_escapes() {
  %p = call ptr @calloc(i64 2, i64 8)
  ret ptr %p
}
