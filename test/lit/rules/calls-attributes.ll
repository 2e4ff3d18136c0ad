; Calls (DESIGN.md "IR to edges", last rows): what a callee we only know by its
; declaration may do with a pointer argument. captures(none) alone is not
; "does not escape": the callee may free the object (unless nofree) or leak
; the pointers stored in it (unless it cannot read through it). Indirect
; calls, inline asm and operand bundles get every pointer.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @unknown(ptr)
declare ptr @get_ptr()

declare void @reads(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @reads_may_free(ptr captures(none)) nounwind memory(argmem: read)
declare void @reads_captures(ptr) nofree nounwind memory(argmem: read)
declare void @reads_and_writes(ptr captures(none)) nofree nounwind memory(argmem: readwrite)
declare void @writes_may_free(ptr captures(none)) nounwind memory(argmem: readwrite)
declare void @writes_nothing(ptr captures(none)) nofree nounwind memory(argmem: write)
declare void @compares_with_null(ptr captures(address_is_null)) nofree nounwind
declare void @captures_address(ptr captures(address)) nofree nounwind
declare ptr @identity_readnone(ptr) nofree nounwind memory(none)
declare ptr @returns_arg(ptr returned captures(ret: address, provenance)) nofree nounwind memory(argmem: read)
declare void @by_value(ptr byval({ ptr, ptr }))
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
declare ptr @worker(ptr)

@g = global ptr null

; --- unknown call results -------------------------------------------------------

; A pointer returned by an unknown call points to unknown memory.
; CHECK-LABEL: define void @store_through_unknown_result_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 4)
define void @store_through_unknown_result_escapes() {
  %p = call ptr @malloc(i64 4)
  %q = call ptr @get_ptr()
  store ptr %p, ptr %q
  ret void
}

; Near miss: storing the unknown pointer into the object is fine.
; CHECK-LABEL: define void @store_unknown_result_into_object_promoted(
; CHECK:         %p.h2s = alloca [8 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @store_unknown_result_into_object_promoted() {
  %p = call ptr @malloc(i64 8)
  %q = call ptr @get_ptr()
  store ptr %q, ptr %p
  call void @free(ptr %p)
  ret void
}

; --- passing to a declaration ------------------------------------------------------

; A function without attributes may do anything with the pointer.
; CHECK-LABEL: define void @passed_to_unknown_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @passed_to_unknown_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @unknown(ptr %p)
  call void @free(ptr %p)
  ret void
}

; captures(none) + nofree + memory(argmem: read): it only reads the object.
; CHECK-LABEL: define void @passed_to_reader_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         call void @reads(ptr %p.h2s)
define void @passed_to_reader_promoted() {
  %p = call ptr @malloc(i64 16)
  store i32 0, ptr %p
  call void @reads(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A callee that only reads memory cannot free it either (LLVM: a read-only
; function does not free memory), even without nofree.
; CHECK-LABEL: define void @read_only_callee_implies_nofree_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @read_only_callee_implies_nofree_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @reads_may_free(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A callee that may write its argument memory but not free it.
; CHECK-LABEL: define void @passed_to_nofree_writer_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @passed_to_nofree_writer_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @reads_and_writes(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the same callee without nofree may free it.
; CHECK-LABEL: define void @passed_to_writer_that_may_free_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @passed_to_writer_that_may_free_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @writes_may_free(ptr %p)
  ret void
}

; Near miss: without captures(none) the callee may keep the pointer.
; CHECK-LABEL: define void @passed_to_capturing_reader_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @passed_to_capturing_reader_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @reads_captures(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A non-capturing reader may copy the object's contents elsewhere: the box
; stays local, the object it points to escapes.
; CHECK-LABEL: define void @reader_leaks_contents(
; CHECK:         %box.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
; CHECK:         call void @reads(ptr %box.h2s)
define void @reader_leaks_contents() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  call void @reads(ptr %box)
  call void @free(ptr %box)
  ret void
}

; Near miss: a callee that only writes through the pointer cannot read the
; pointer stored in the box.
; CHECK-LABEL: define void @writer_cannot_leak_contents(
; CHECK-DAG:     %box.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @writer_cannot_leak_contents() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %box
  call void @writes_nothing(ptr %box)
  call void @free(ptr %val)
  call void @free(ptr %box)
  ret void
}

; Rule U: after a callee wrote into the box, what is loaded from it is
; unknown memory; storing a local object there publishes it.
; CHECK-LABEL: define void @store_through_pointer_written_by_callee_escapes(
; CHECK:         %box.h2s = alloca [8 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define void @store_through_pointer_written_by_callee_escapes() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  %inner = call ptr @malloc(i64 8)
  store ptr %inner, ptr %box
  call void @reads_and_writes(ptr %box)
  %q = load ptr, ptr %box
  store ptr %val, ptr %q
  call void @free(ptr %box)
  ret void
}

; Near miss: the same without the callee: %q is %inner, a local object.
; CHECK-LABEL: define void @store_through_pointer_loaded_from_local_promoted(
; CHECK-DAG:     %box.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK-DAG:     %inner.h2s = alloca [8 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @store_through_pointer_loaded_from_local_promoted() {
  %box = call ptr @malloc(i64 8)
  %val = call ptr @malloc(i64 4)
  %inner = call ptr @malloc(i64 8)
  store ptr %inner, ptr %box
  %q = load ptr, ptr %box
  store ptr %val, ptr %q
  call void @free(ptr %val)
  call void @free(ptr %inner)
  call void @free(ptr %box)
  ret void
}

; Comparing the pointer with null captures nothing.
; CHECK-LABEL: define void @captures_address_is_null_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @captures_address_is_null_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @compares_with_null(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: captures(address) lets the callee keep the address.
; CHECK-LABEL: define void @captures_address_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @captures_address_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @captures_address(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A memory(none) callee can only hand the pointer back: if the result stays
; local, so does the object.
; CHECK-LABEL: define void @readnone_result_unused_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @readnone_result_unused_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity_readnone(ptr %p)
  store i32 1, ptr %q
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define ptr @readnone_result_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define ptr @readnone_result_returned_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity_readnone(ptr %p)
  ret ptr %q
}

; `returned` and captures(ret: ...): the result is the argument.
; CHECK-LABEL: define void @returned_arg_result_local_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @returned_arg_result_local_promoted() {
  %p = call ptr @malloc(i64 16)
  store i32 0, ptr %p
  %q = call ptr @returns_arg(ptr %p)
  %v = load i32, ptr %q
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @returned_arg_result_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @returned_arg_result_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  store i32 0, ptr %p
  %q = call ptr @returns_arg(ptr %p)
  store ptr %q, ptr @g
  ret void
}

; byval: the callee gets a copy of the contents, not the object.
; CHECK-LABEL: define void @byval_copy_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @byval_copy_promoted() {
  %p = call ptr @malloc(i64 16)
  store ptr null, ptr %p
  call void @by_value(ptr byval({ ptr, ptr }) %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the copy holds a pointer to another object, which escapes.
; CHECK-LABEL: define void @byval_copy_leaks_contents(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK:         %val = call ptr @malloc(i64 4)
define void @byval_copy_leaks_contents() {
  %p = call ptr @malloc(i64 16)
  %val = call ptr @malloc(i64 4)
  store ptr %val, ptr %p
  call void @by_value(ptr byval({ ptr, ptr }) %p)
  call void @free(ptr %p)
  ret void
}

; --- indirect calls, inline asm, operand bundles -------------------------------

; CHECK-LABEL: define void @indirect_call_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @indirect_call_escapes(ptr %fp) {
  %p = call ptr @malloc(i64 16)
  call void %fp(ptr captures(none) %p) nofree memory(argmem: read)
  call void @free(ptr %p)
  ret void
}

; Near miss: the same call made directly.
; CHECK-LABEL: define void @direct_call_same_attrs_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @direct_call_same_attrs_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @reads(ptr captures(none) %p) nofree memory(argmem: read)
  call void @free(ptr %p)
  ret void
}

; Call-site attributes count, not only the declaration's.
; CHECK-LABEL: define void @call_site_attrs_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @call_site_attrs_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @unknown(ptr captures(none) %p) nofree memory(argmem: read)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @inline_asm_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @inline_asm_escapes() {
  %p = call ptr @malloc(i64 16)
  call void asm sideeffect "", "r,~{memory}"(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: inline asm that gets only an integer loaded from the object.
; CHECK-LABEL: define void @inline_asm_gets_contents_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @inline_asm_gets_contents_promoted() {
  %p = call ptr @malloc(i64 16)
  store i32 3, ptr %p
  %v = load i32, ptr %p
  call void asm sideeffect "", "r,~{memory}"(i32 %v)
  call void @free(ptr %p)
  ret void
}

; A pointer in an operand bundle is read by the runtime.
; CHECK-LABEL: define void @operand_bundle_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @operand_bundle_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @reads(ptr null) [ "deopt"(ptr %p) ]
  call void @free(ptr %p)
  ret void
}

; pthread_create(..., p) publishes p to another thread (DESIGN.md "Traps").
; CHECK-LABEL: define void @pthread_create_arg_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 16)
define void @pthread_create_arg_escapes() {
  %tid = alloca i64
  %p = call ptr @malloc(i64 16)
  %r = call i32 @pthread_create(ptr %tid, ptr null, ptr @worker, ptr %p)
  ret void
}
