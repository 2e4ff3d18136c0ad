; Pointers as integers (DESIGN.md "Exposure"): ptrtoint exposes the object
; (C's PNVI-ae) unless the integer is only masked to its low bits or is the
; difference of two pointers from one root (exposure.ll). inttoptr yields
; unknown memory: any exposed object.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)

@g = global ptr null
@gi = global i64 0

; A comparison with any integer finds the address (a loop over i).
; CHECK-LABEL: define i1 @ptrtoint_only_compared_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define i1 @ptrtoint_only_compared_escapes(i64 %x) {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  %c = icmp ult i64 %i, %x
  call void @free(ptr %p)
  ret i1 %c
}

; CHECK-LABEL: define void @ptrtoint_stored_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @ptrtoint_stored_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  store i64 %i, ptr @gi
  ret void
}

; CHECK-LABEL: define i64 @ptrtoint_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define i64 @ptrtoint_returned_escapes() {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  ret i64 %i
}

; Arithmetic on the integer may rebuild the address (p + (q - p) is q).
; CHECK-LABEL: define void @ptrtoint_arith_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @ptrtoint_arith_to_global_escapes(i64 %k) {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  %j = xor i64 %i, %k
  store i64 %j, ptr @gi
  ret void
}

; An alignment test on the promoted pointer must see malloc's alignment
; (DESIGN.md "Traps"): the slot is 16-aligned and the test is left alone.
; CHECK-LABEL: define i1 @alignment_test_promoted_align16(
; CHECK:         %p.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         %i = ptrtoint ptr %p.h2s to i64
; CHECK-NEXT:    %low = and i64 %i, 15
define i1 @alignment_test_promoted_align16() {
  %p = call ptr @malloc(i64 4)
  %i = ptrtoint ptr %p to i64
  %low = and i64 %i, 15
  %ok = icmp eq i64 %low, 0
  call void @free(ptr %p)
  ret i1 %ok
}

; Near miss: the masked integer is published.
; CHECK-LABEL: define void @alignment_bits_published_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 4)
define void @alignment_bits_published_escapes() {
  %p = call ptr @malloc(i64 4)
  %i = ptrtoint ptr %p to i64
  %low = and i64 %i, -16
  store i64 %low, ptr @gi
  ret void
}

; --- inttoptr ----------------------------------------------------------------------

; A pointer made from an integer may point anywhere: storing p through it
; publishes p.
; CHECK-LABEL: define void @store_through_inttoptr_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @store_through_inttoptr_escapes(i64 %addr) {
  %p = call ptr @malloc(i64 16)
  %q = inttoptr i64 %addr to ptr
  store ptr %p, ptr %q
  ret void
}

; Near miss: only data is written through the integer pointer.
; CHECK-LABEL: define void @store_data_through_inttoptr_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @store_data_through_inttoptr_promoted(i64 %addr) {
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  %v = load i32, ptr %p
  %q = inttoptr i64 %addr to ptr
  store i32 %v, ptr %q
  call void @free(ptr %p)
  ret void
}

; A round trip through an integer keeps the object: returning it escapes.
; CHECK-LABEL: define ptr @inttoptr_round_trip_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define ptr @inttoptr_round_trip_returned_escapes() {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  %j = add i64 %i, 8
  %q = inttoptr i64 %j to ptr
  ret ptr %q
}

; The round trip used locally still converted the address to an integer:
; exposed (a pointer offset with getelementptr would not be).
; CHECK-LABEL: define i32 @inttoptr_round_trip_local_exposed(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define i32 @inttoptr_round_trip_local_exposed() {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  %j = add i64 %i, 8
  %q = inttoptr i64 %j to ptr
  store i32 4, ptr %q
  %v = load i32, ptr %q
  call void @free(ptr %p)
  ret i32 %v
}

; A pointer loaded from integer-addressed memory is unknown too.
; CHECK-LABEL: define void @store_through_pointer_loaded_via_inttoptr_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @store_through_pointer_loaded_via_inttoptr_escapes(i64 %addr) {
  %p = call ptr @malloc(i64 16)
  %q = inttoptr i64 %addr to ptr
  %r = load ptr, ptr %q
  store ptr %p, ptr %r
  ret void
}
