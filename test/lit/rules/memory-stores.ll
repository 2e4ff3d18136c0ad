; Flows through memory (DESIGN.md "IR to edges" store/memcpy rows, issue 3): a pointer
; stored into an object that does not escape stays local; stored to a global,
; through a parameter (an out-parameter), into an escaping object, or into an
; object that unknown code may read, it escapes.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @unknown(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

@g = global ptr null
@gbuf = global [16 x i8] zeroinitializer

; --- store -------------------------------------------------------------------

; A box holding a pointer to another local object: both move.
; CHECK-LABEL: define i32 @box_holding_local_promoted(
; CHECK-DAG:     %box.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @box_holding_local_promoted() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store i32 42, ptr %val
  store ptr %val, ptr %box
  %q = load ptr, ptr %box
  %v = load i32, ptr %q
  call void @free(ptr %val)
  call void @free(ptr %box)
  ret i32 %v
}

; The same box published in a global: the box and what it holds escape.
; CHECK-LABEL: define void @box_stored_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %box = call ptr @malloc(i64 8)
; CHECK:         %val = call ptr @malloc(i64 4)
define void @box_stored_to_global_escapes() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  store ptr %box, ptr @g
  ret void
}

; Stored into a global's memory through a constant GEP.
; CHECK-LABEL: define void @store_into_global_field_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 4)
define void @store_into_global_field_escapes() {
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr getelementptr (i8, ptr @gbuf, i64 8)
  ret void
}

; `*out = p`: the caller sees p.
; CHECK-LABEL: define void @store_through_param_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 4)
define void @store_through_param_escapes(ptr %out) {
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %out
  ret void
}

; Near miss: the out-parameter receives a non-pointer; the object is local.
; CHECK-LABEL: define void @store_value_through_param_promoted(
; CHECK:         alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @store_value_through_param_promoted(ptr %out) {
  %val = call ptr @malloc(i64 4)
  store i32 1, ptr %val
  %v = load i32, ptr %val
  store i32 %v, ptr %out
  call void @free(ptr %val)
  ret void
}

; The container is returned, so what it holds escapes with it.
; CHECK-LABEL: define ptr @store_into_returned_object_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %box = call ptr @malloc(i64 8)
; CHECK:         %val = call ptr @malloc(i64 4)
define ptr @store_into_returned_object_escapes() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  ret ptr %box
}

; The container is passed to an unknown function: it escapes, and what was
; stored in it before escapes with it.
; CHECK-LABEL: define void @container_passed_to_unknown_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %box = call ptr @malloc(i64 8)
; CHECK:         %val = call ptr @malloc(i64 4)
define void @container_passed_to_unknown_escapes() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  call void @unknown(ptr %box)
  ret void
}

; Near miss: nothing was stored in the escaping box, so the other object,
; never linked to it, stays local.
; CHECK-LABEL: define void @unrelated_object_stays_local(
; CHECK:         %other.h2s = alloca [4 x i8], align 16
; CHECK:         %box = call ptr @malloc(i64 8)
; CHECK-NOT:     %other = call ptr @malloc
define void @unrelated_object_stays_local() {
  %box = call ptr @malloc(i64 8)
  %other = call ptr @malloc(i64 4)
  store i32 0, ptr %other
  call void @unknown(ptr %box)
  call void @free(ptr %other)
  ret void
}

; An array of pointers to local objects, with a variable index.
; CHECK-LABEL: define i32 @array_of_local_pointers_promoted(
; CHECK-DAG:     %arr.h2s = alloca [16 x i8], align 16
; CHECK-DAG:     %a.h2s = alloca [4 x i8], align 16
; CHECK-DAG:     %b.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @array_of_local_pointers_promoted(i64 %i) {
  %arr = call ptr @malloc(i64 16)
  %a = call ptr @malloc(i64 4)
  %b = call ptr @malloc(i64 4)
  store i32 1, ptr %a
  store i32 2, ptr %b
  store ptr %a, ptr %arr
  %slot1 = getelementptr ptr, ptr %arr, i64 1
  store ptr %b, ptr %slot1
  %slot = getelementptr ptr, ptr %arr, i64 %i
  %e = load ptr, ptr %slot
  %v = load i32, ptr %e
  call void @free(ptr %a)
  call void @free(ptr %b)
  call void @free(ptr %arr)
  ret i32 %v
}

; Near miss: an element loaded with a variable index is returned. Both
; elements may be the one returned.
; CHECK-LABEL: define ptr @array_element_returned_escapes(
; CHECK:         %arr.h2s = alloca [16 x i8], align 16
; CHECK:         %a = call ptr @malloc(i64 4)
; CHECK:         %b = call ptr @malloc(i64 4)
define ptr @array_element_returned_escapes(i64 %i) {
  %arr = call ptr @malloc(i64 16)
  %a = call ptr @malloc(i64 4)
  %b = call ptr @malloc(i64 4)
  store ptr %a, ptr %arr
  %slot1 = getelementptr ptr, ptr %arr, i64 1
  store ptr %b, ptr %slot1
  %slot = getelementptr ptr, ptr %arr, i64 %i
  %e = load ptr, ptr %slot
  call void @free(ptr %arr)
  ret ptr %e
}

; A small tree (root -> left, right) built and consumed in one call.
; CHECK-LABEL: define i32 @small_tree_promoted(
; CHECK-DAG:     %root.h2s = alloca [16 x i8], align 16
; CHECK-DAG:     %left.h2s = alloca [4 x i8], align 16
; CHECK-DAG:     %right.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @small_tree_promoted() {
  %root = call ptr @malloc(i64 16)
  %left = call ptr @malloc(i64 4)
  %right = call ptr @malloc(i64 4)
  store i32 1, ptr %left
  store i32 2, ptr %right
  store ptr %left, ptr %root
  %rf = getelementptr i8, ptr %root, i64 8
  store ptr %right, ptr %rf
  %l = load ptr, ptr %root
  %r = load ptr, ptr %rf
  %lv = load i32, ptr %l
  %rv = load i32, ptr %r
  %s = add i32 %lv, %rv
  call void @free(ptr %left)
  call void @free(ptr %right)
  call void @free(ptr %root)
  ret i32 %s
}

; Near miss: a leaf is reached through the tree and stored to a global.
; CHECK-LABEL: define void @tree_leaf_published_escapes(
; CHECK:         %root.h2s = alloca [16 x i8], align 16
; CHECK:         %left = call ptr @malloc(i64 4)
define void @tree_leaf_published_escapes() {
  %root = call ptr @malloc(i64 16)
  %left = call ptr @malloc(i64 4)
  store ptr %left, ptr %root
  %l = load ptr, ptr %root
  store ptr %l, ptr @g
  call void @free(ptr %root)
  ret void
}

; --- memcpy / memmove ---------------------------------------------------------

; Copying a struct that holds a pointer into another local object.
; CHECK-LABEL: define i32 @memcpy_into_local_promoted(
; CHECK-DAG:     %src.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %dst.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @memcpy_into_local_promoted() {
  %src = call ptr @malloc(i64 8)
  %dst = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store i32 5, ptr %val
  store ptr %val, ptr %src
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 8, i1 false)
  %q = load ptr, ptr %dst
  %v = load i32, ptr %q
  call void @free(ptr %val)
  call void @free(ptr %src)
  call void @free(ptr %dst)
  ret i32 %v
}

; The same copy into a global: the pointee escapes, the source box does not.
; CHECK-LABEL: define void @memcpy_into_global_escapes(
; CHECK:         %src.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define void @memcpy_into_global_escapes() {
  %src = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %src
  call void @llvm.memcpy.p0.p0.i64(ptr @gbuf, ptr %src, i64 8, i1 false)
  call void @free(ptr %src)
  ret void
}

; memmove behaves the same.
; CHECK-LABEL: define i32 @memmove_into_local_promoted(
; CHECK-DAG:     %src.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %dst.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @memmove_into_local_promoted() {
  %src = call ptr @malloc(i64 8)
  %dst = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store i32 5, ptr %val
  store ptr %val, ptr %src
  call void @llvm.memmove.p0.p0.i64(ptr %dst, ptr %src, i64 8, i1 false)
  %q = load ptr, ptr %dst
  %v = load i32, ptr %q
  call void @free(ptr %val)
  call void @free(ptr %src)
  call void @free(ptr %dst)
  ret i32 %v
}

; CHECK-LABEL: define void @memmove_through_param_escapes(
; CHECK:         %src.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define void @memmove_through_param_escapes(ptr %out) {
  %src = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %src
  call void @llvm.memmove.p0.p0.i64(ptr %out, ptr %src, i64 8, i1 false)
  call void @free(ptr %src)
  ret void
}

; --- pointer-typed atomics ----------------------------------------------------

; CHECK-LABEL: define i32 @atomicrmw_xchg_into_local_promoted(
; CHECK-DAG:     %box.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @atomicrmw_xchg_into_local_promoted() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr null, ptr %box
  store i32 3, ptr %val
  %old = atomicrmw xchg ptr %box, ptr %val seq_cst
  %q = load ptr, ptr %box
  %v = load i32, ptr %q
  call void @free(ptr %val)
  call void @free(ptr %box)
  ret i32 %v
}

; CHECK-LABEL: define void @atomicrmw_xchg_into_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %val = call ptr @malloc(i64 4)
define void @atomicrmw_xchg_into_global_escapes() {
  %val = call ptr @malloc(i64 4)
  %old = atomicrmw xchg ptr @g, ptr %val seq_cst
  ret void
}

; The old value an xchg returns is what the object held.
; CHECK-LABEL: define ptr @atomicrmw_xchg_old_value_returned_escapes(
; CHECK:         %box.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define ptr @atomicrmw_xchg_old_value_returned_escapes() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  %old = atomicrmw xchg ptr %box, ptr null seq_cst
  call void @free(ptr %box)
  ret ptr %old
}

; CHECK-LABEL: define i32 @cmpxchg_into_local_promoted(
; CHECK-DAG:     %box.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @cmpxchg_into_local_promoted() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr null, ptr %box
  store i32 3, ptr %val
  %r = cmpxchg ptr %box, ptr null, ptr %val seq_cst seq_cst
  %q = load ptr, ptr %box
  %v = load i32, ptr %q
  call void @free(ptr %val)
  call void @free(ptr %box)
  ret i32 %v
}

; CHECK-LABEL: define void @cmpxchg_into_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %val = call ptr @malloc(i64 4)
define void @cmpxchg_into_global_escapes() {
  %val = call ptr @malloc(i64 4)
  %r = cmpxchg ptr @g, ptr null, ptr %val seq_cst seq_cst
  ret void
}

; --- type punning and integer round trips -------------------------------------

; A pointer stored as a pointer, read back as an integer and published.
; CHECK-LABEL: define void @punned_pointer_to_global_escapes(
; CHECK:         %box.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define void @punned_pointer_to_global_escapes() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  %bits = load i64, ptr %box
  store i64 %bits, ptr @g
  call void @free(ptr %box)
  ret void
}

; The punned integer compared: the stored pointer's bytes decide control
; flow, so the object they point to is exposed (expose.c); the box moves.
; CHECK-LABEL: define i1 @punned_pointer_compared_exposed(
; CHECK:         %box.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define i1 @punned_pointer_compared_exposed() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  %bits = load i64, ptr %box
  %c = icmp eq i64 %bits, 0
  call void @free(ptr %val)
  call void @free(ptr %box)
  ret i1 %c
}

; Pointer -> integer stored in a local box -> integer -> pointer -> returned.
; CHECK-LABEL: define ptr @int_round_trip_returned_escapes(
; CHECK:         %box.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define ptr @int_round_trip_returned_escapes() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  %i = ptrtoint ptr %val to i64
  store i64 %i, ptr %box
  %j = load i64, ptr %box
  %p = inttoptr i64 %j to ptr
  call void @free(ptr %box)
  ret ptr %p
}

; Pointer bytes split into a byte array and reassembled: still the pointer.
; CHECK-LABEL: define void @pointer_split_into_bytes_escapes(
; CHECK:         %val = call ptr @malloc(i64 4)
define void @pointer_split_into_bytes_escapes() {
  %val = call ptr @malloc(i64 4)
  %i = ptrtoint ptr %val to i64
  %lo = trunc i64 %i to i32
  %hi.s = lshr i64 %i, 32
  %hi = trunc i64 %hi.s to i32
  %lo.z = zext i32 %lo to i64
  %hi.z = zext i32 %hi to i64
  %hi.sh = shl i64 %hi.z, 32
  %j = or i64 %hi.sh, %lo.z
  store i64 %j, ptr @g
  ret void
}

; --- sret ----------------------------------------------------------------------

%pair = type { ptr, ptr }

; A pointer written into the caller's sret slot is returned.
; CHECK-LABEL: define void @sret_slot_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %val = call ptr @malloc(i64 4)
define void @sret_slot_escapes(ptr sret(%pair) %ret) {
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %ret
  %f = getelementptr i8, ptr %ret, i64 8
  store ptr null, ptr %f
  ret void
}

; Near miss: the sret slot receives copies of the object's contents only.
; CHECK-LABEL: define void @sret_slot_gets_contents_promoted(
; CHECK:         %val.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @sret_slot_gets_contents_promoted(ptr sret(%pair) %ret) {
  %val = call ptr @malloc(i64 16)
  store ptr null, ptr %val
  %f = getelementptr i8, ptr %val, i64 8
  store ptr null, ptr %f
  call void @llvm.memcpy.p0.p0.i64(ptr %ret, ptr %val, i64 16, i1 false)
  call void @free(ptr %val)
  ret void
}
