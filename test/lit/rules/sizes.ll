; Size rules (DESIGN.md "Rewrite"): a constant size no larger than max-size
; (default 16384; Go uses 65536, for stacks that grow) moves; larger or
; non-constant sizes stay on the heap.
; RUN: %opt-h2s -passes='heap2stack<small-buffer=0;unseen-recursion=0>' -S %s | FileCheck %s --check-prefixes=CHECK,DEFAULT
; RUN: %opt-h2s -passes='heap2stack<max-size=8;small-buffer=0;unseen-recursion=0>' -S %s | FileCheck %s --check-prefixes=CHECK,SMALL
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; CHECK-LABEL: define void @malloc8_at_limit(
; CHECK:         %p.h2s = alloca [8 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @malloc8_at_limit() {
  %p = call ptr @malloc(i64 8)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Over the limit of 8 (TooLarge), under the default.
; CHECK-LABEL:   define void @malloc16_over_small_limit(
; DEFAULT:         %p.h2s = alloca [16 x i8], align 16
; DEFAULT-NOT:     call ptr @malloc
; SMALL-NOT:       alloca [
; SMALL:           %p = call ptr @malloc(i64 16)
; SMALL:           call void @free(ptr %p)
define void @malloc16_over_small_limit() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Exactly the default limit moves.
; CHECK-LABEL:   define void @malloc_16k_at_default_limit(
; DEFAULT:         %p.h2s = alloca [16384 x i8], align 16
; SMALL:           call ptr @malloc(i64 16384)
define void @malloc_16k_at_default_limit() {
  %p = call ptr @malloc(i64 16384)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; One byte more stays.
; CHECK-LABEL: define void @malloc_over_default_limit(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16385)
define void @malloc_over_default_limit() {
  %p = call ptr @malloc(i64 16385)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A size only known at run time stays.
; CHECK-LABEL: define void @non_constant_size_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 %n)
; CHECK:         call void @free(ptr %p)
define void @non_constant_size_stays(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; malloc(0) gets a one-byte slot (a distinct, valid address).
; CHECK-LABEL: define void @malloc_zero_promoted(
; CHECK:         %p.h2s = alloca [1 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @malloc_zero_promoted() {
  %p = call ptr @malloc(i64 0)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; calloc's size is count * size.
; CHECK-LABEL:   define void @calloc_size_is_product(
; DEFAULT:         %p.h2s = alloca [12 x i8], align 16
; SMALL-NOT:       alloca [
; SMALL:           call ptr @calloc(i64 3, i64 4)
define void @calloc_size_is_product() {
  %p = call ptr @calloc(i64 3, i64 4)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A huge constant is not truncated into a small slot.
; CHECK-LABEL: define void @malloc_huge_constant_stays(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 -1)
define void @malloc_huge_constant_stays() {
  %p = call ptr @malloc(i64 -1)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}
