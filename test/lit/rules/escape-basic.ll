; DESIGN.md "IR to edges", value constructs: copies (gep, casts, freeze, ptrmask, phi,
; select, aggregates), loads, allocas and returns. Each promoted function has
; a near-miss negative next to it whose pointer reaches a root.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr @llvm.ptrmask.p0.i64(ptr, i64)

@g = global ptr null

; A malloc used only locally moves to an entry-block alloca.
; CHECK-LABEL: define i32 @local_use_promoted(
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK-NOT:     call void @free
; CHECK:         ret i32
define i32 @local_use_promoted() {
  %p = call ptr @malloc(i64 16)
  store i32 7, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}

; Returning the pointer makes it outlive the function.
; CHECK-LABEL: define ptr @returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
; CHECK:         ret ptr %p
define ptr @returned_escapes() {
  %p = call ptr @malloc(i64 16)
  store i32 7, ptr %p
  ret ptr %p
}

; Storing the pointer into a global publishes it.
; CHECK-LABEL: define void @store_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @store_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr @g
  ret void
}

; --- gep -------------------------------------------------------------------

; CHECK-LABEL: define i32 @gep_local_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @gep_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = getelementptr inbounds i8, ptr %p, i64 8
  store i32 1, ptr %q
  %v = load i32, ptr %q
  call void @free(ptr %p)
  ret i32 %v
}

; CHECK-LABEL: define ptr @gep_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define ptr @gep_returned_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = getelementptr inbounds i8, ptr %p, i64 8
  ret ptr %q
}

; A variable index still derives from the base.
; CHECK-LABEL: define void @gep_variable_index_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @gep_variable_index_to_global_escapes(i64 %i) {
  %p = call ptr @malloc(i64 16)
  %q = getelementptr i8, ptr %p, i64 %i
  store ptr %q, ptr @g
  ret void
}

; --- addrspacecast ----------------------------------------------------------

; CHECK-LABEL: define i32 @addrspacecast_local_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @addrspacecast_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = addrspacecast ptr %p to ptr addrspace(1)
  store i32 3, ptr addrspace(1) %q
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}

; CHECK-LABEL: define void @addrspacecast_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @addrspacecast_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = addrspacecast ptr %p to ptr addrspace(1)
  store ptr addrspace(1) %q, ptr @g
  ret void
}

; --- freeze -----------------------------------------------------------------

; CHECK-LABEL: define i32 @freeze_local_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @freeze_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = freeze ptr %p
  store i32 3, ptr %q
  %v = load i32, ptr %q
  call void @free(ptr %p)
  ret i32 %v
}

; CHECK-LABEL: define ptr @freeze_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define ptr @freeze_returned_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = freeze ptr %p
  ret ptr %q
}

; --- ptrmask ----------------------------------------------------------------

; CHECK-LABEL: define i32 @ptrmask_local_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @ptrmask_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @llvm.ptrmask.p0.i64(ptr %p, i64 -16)
  store i32 3, ptr %q
  %v = load i32, ptr %q
  call void @free(ptr %p)
  ret i32 %v
}

; CHECK-LABEL: define void @ptrmask_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @ptrmask_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @llvm.ptrmask.p0.i64(ptr %p, i64 -16)
  store ptr %q, ptr @g
  ret void
}

; --- phi --------------------------------------------------------------------

; CHECK-LABEL: define i32 @phi_local_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @phi_local_promoted(i1 %c) {
entry:
  %p = call ptr @malloc(i64 16)
  br i1 %c, label %a, label %b
a:
  %pa = getelementptr i8, ptr %p, i64 4
  br label %join
b:
  br label %join
join:
  %q = phi ptr [ %pa, %a ], [ %p, %b ]
  store i32 1, ptr %q
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}

; CHECK-LABEL: define ptr @phi_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define ptr @phi_returned_escapes(i1 %c) {
entry:
  %p = call ptr @malloc(i64 16)
  br i1 %c, label %a, label %join
a:
  br label %join
join:
  %q = phi ptr [ %p, %a ], [ null, %entry ]
  ret ptr %q
}

; --- select -----------------------------------------------------------------

; CHECK-LABEL: define i32 @select_local_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @select_local_promoted(i1 %c) {
  %p = call ptr @malloc(i64 16)
  %pa = getelementptr i8, ptr %p, i64 4
  %q = select i1 %c, ptr %p, ptr %pa
  store i32 1, ptr %q
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}

; CHECK-LABEL: define void @select_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @select_to_global_escapes(i1 %c, ptr %other) {
  %p = call ptr @malloc(i64 16)
  %q = select i1 %c, ptr %other, ptr %p
  store ptr %q, ptr @g
  ret void
}

; --- insertvalue / extractvalue ----------------------------------------------

; CHECK-LABEL: define i32 @aggregate_local_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @aggregate_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %s = insertvalue { i32, ptr } { i32 0, ptr null }, ptr %p, 1
  %q = extractvalue { i32, ptr } %s, 1
  store i32 5, ptr %q
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}

; The pointer travels inside a returned aggregate.
; CHECK-LABEL: define { i32, ptr } @aggregate_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define { i32, ptr } @aggregate_returned_escapes() {
  %p = call ptr @malloc(i64 16)
  %s = insertvalue { i32, ptr } { i32 0, ptr null }, ptr %p, 1
  ret { i32, ptr } %s
}

; extractvalue of an aggregate holding the pointer, stored to a global.
; CHECK-LABEL: define void @extractvalue_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @extractvalue_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %s = insertvalue { i32, ptr } { i32 0, ptr null }, ptr %p, 1
  %q = extractvalue { i32, ptr } %s, 1
  store ptr %q, ptr @g
  ret void
}

; Vectors of pointers carry them too.
; CHECK-LABEL: define void @vector_element_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @vector_element_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %v = insertelement <2 x ptr> zeroinitializer, ptr %p, i64 0
  %q = extractelement <2 x ptr> %v, i64 0
  store ptr %q, ptr @g
  ret void
}

; --- alloca and load ----------------------------------------------------------

; A pointer kept in a local alloca and loaded back stays local.
; CHECK-LABEL: define i32 @through_alloca_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @through_alloca_promoted() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %slot
  %q = load ptr, ptr %slot
  store i32 9, ptr %q
  %v = load i32, ptr %q
  call void @free(ptr %q)
  ret i32 %v
}

; ...but what is loaded back from the alloca and returned escapes.
; CHECK-LABEL: define ptr @through_alloca_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define ptr @through_alloca_returned_escapes() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %slot
  %q = load ptr, ptr %slot
  ret ptr %q
}

; A load from the object does not let the object itself escape.
; CHECK-LABEL: define ptr @load_from_object_promoted(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define ptr @load_from_object_promoted() {
  %p = call ptr @malloc(i64 16)
  store ptr null, ptr %p
  %q = load ptr, ptr %p
  call void @free(ptr %p)
  ret ptr %q
}
