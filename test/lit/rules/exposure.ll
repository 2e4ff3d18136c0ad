; Address exposure (DESIGN.md "Exposure", C's PNVI-ae): an object whose
; address bits decide control flow, select memory, or are printed may be
; rebuilt anywhere (a loop `if ((uintptr_t)p == i)`, `%p` read back by
; sscanf), so it escapes. Near misses: low-bit masks, offsets within one
; object, constant indices, pointer comparisons.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -pass-remarks-output=%t.yaml -disable-output %s
; RUN: FileCheck --check-prefix=YAML %s < %t.yaml
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare i32 @sprintf(ptr, ptr, ...)
declare i32 @printf(ptr, ...)
declare ptr @llvm.ptrmask.p0.i64(ptr, i64)

@note = global [32 x i8] zeroinitializer
@table = global [256 x i8] zeroinitializer
@fmt_p = private unnamed_addr constant [3 x i8] c"%p\00"
@fmt_lx = private unnamed_addr constant [4 x i8] c"%lx\00"
@fmt_s = private unnamed_addr constant [3 x i8] c"%s\00"
@fmt_d = private unnamed_addr constant [3 x i8] c"%d\00"
@fmt_n = private unnamed_addr constant [3 x i8] c"%n\00"

; --- comparisons of integers that hold the address --------------------------

; CHECK-LABEL: define i1 @ptrtoint_compared_with_counter_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i1 @ptrtoint_compared_with_counter_escapes(i64 %i) {
  %p = call ptr @malloc(i64 16)
  %a = ptrtoint ptr %p to i64
  %c = icmp eq i64 %a, %i
  call void @free(ptr %p)
  ret i1 %c
}

; Near miss: a low-bit mask (an alignment test) reveals a page offset only.
; CHECK-LABEL: define i1 @ptrtoint_low_mask_compared_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i1 @ptrtoint_low_mask_compared_moves(i64 %i) {
  %p = call ptr @malloc(i64 16)
  %a = ptrtoint ptr %p to i64
  %low = and i64 %a, 15
  %c = icmp eq i64 %low, %i
  call void @free(ptr %p)
  ret i1 %c
}

; A mask that keeps high bits is not an alignment test.
; CHECK-LABEL: define i1 @ptrtoint_high_mask_compared_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i1 @ptrtoint_high_mask_compared_escapes(i64 %i) {
  %p = call ptr @malloc(i64 16)
  %a = ptrtoint ptr %p to i64
  %hi = and i64 %a, 4096
  %c = icmp eq i64 %hi, %i
  call void @free(ptr %p)
  ret i1 %c
}

; The difference of two pointers from one root is an offset.
; CHECK-LABEL: define i64 @pointer_difference_same_root_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i64 @pointer_difference_same_root_moves(i64 %k) {
  %p = call ptr @malloc(i64 16)
  %q = getelementptr inbounds i8, ptr %p, i64 %k
  %a = ptrtoint ptr %q to i64
  %b = ptrtoint ptr %p to i64
  %d = sub i64 %a, %b
  call void @free(ptr %p)
  ret i64 %d
}

; Near miss: the other pointer may be null (or anything): p - 0 is p.
; CHECK-LABEL: define i64 @pointer_difference_maybe_null_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i64 @pointer_difference_maybe_null_escapes(i1 %c) {
  %p = call ptr @malloc(i64 16)
  %q = select i1 %c, ptr %p, ptr null
  %a = ptrtoint ptr %p to i64
  %b = ptrtoint ptr %q to i64
  %d = sub i64 %a, %b
  call void @free(ptr %p)
  ret i64 %d
}

; --- address bits through control flow, indices, i1 ----------------------------

; The pointer's bytes read back as an integer from memory, then switched on.
; CHECK-LABEL: define i32 @pointer_bytes_switched_on_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i32 @pointer_bytes_switched_on_escapes() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %slot
  %x = load i64, ptr %slot
  switch i64 %x, label %other [i64 4096, label %hit]
hit:
  call void @free(ptr %p)
  ret i32 1
other:
  call void @free(ptr %p)
  ret i32 0
}

; Near miss: the slot holds only numbers.
; CHECK-LABEL: define i32 @number_switched_on_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @number_switched_on_moves(i64 %n) {
  %slot = alloca i64
  %p = call ptr @malloc(i64 16)
  store i64 %n, ptr %p
  store i64 %n, ptr %slot
  %x = load i64, ptr %slot
  switch i64 %x, label %other [i64 4096, label %hit]
hit:
  call void @free(ptr %p)
  ret i32 1
other:
  call void @free(ptr %p)
  ret i32 0
}

; One bit of the address at a time, into an i1 the graph does not track.
; CHECK-LABEL: define i1 @pointer_bit_to_i1_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i1 @pointer_bit_to_i1_escapes(i64 %k) {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %slot
  %x = load i64, ptr %slot
  %s = lshr i64 %x, %k
  %bit = trunc i64 %s to i1
  call void @free(ptr %p)
  ret i1 %bit
}

; A table lookup by a byte of the address.
; CHECK-LABEL: define i8 @table_indexed_by_address_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i8 @table_indexed_by_address_escapes() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %slot
  %x = load i8, ptr %slot
  %i = zext i8 %x to i64
  %e = getelementptr inbounds [256 x i8], ptr @table, i64 0, i64 %i
  %v = load i8, ptr %e
  call void @free(ptr %p)
  ret i8 %v
}

; Near miss: a variable index into the object itself.
; CHECK-LABEL: define i8 @object_indexed_by_number_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i8 @object_indexed_by_number_moves(i64 %i) {
  %p = call ptr @malloc(i64 16)
  %e = getelementptr inbounds i8, ptr %p, i64 %i
  %v = load i8, ptr %e
  call void @free(ptr %p)
  ret i8 %v
}

; --- pointer comparisons --------------------------------------------------------
; Pointers compared reveal an address without provenance (LLVM's
; captures(address)): a pointer made from that address may not access an
; object that was never exposed, so comparisons alone do not expose.

; CHECK-LABEL: define i1 @pointer_compared_with_integer_pointer_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i1 @pointer_compared_with_integer_pointer_moves(i64 %i) {
  %p = call ptr @malloc(i64 16)
  %q = inttoptr i64 %i to ptr
  %c = icmp eq ptr %p, %q
  call void @free(ptr %p)
  ret i1 %c
}

; Near miss: the integer the pointer was compared with is the address, and
; it is then turned into a pointer: the ptrtoint exposes.
; CHECK-LABEL: define i1 @integer_compared_and_rebuilt_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i1 @integer_compared_and_rebuilt_escapes(i64 %i) {
  %p = call ptr @malloc(i64 16)
  %a = ptrtoint ptr %p to i64
  %c = icmp eq i64 %a, %i
  %q = inttoptr i64 %a to ptr
  store ptr %q, ptr @note
  ret i1 %c
}

; CHECK-LABEL: define i64 @pointer_loop_to_end_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i64 @pointer_loop_to_end_moves() {
entry:
  %p = call ptr @malloc(i64 16)
  %end = getelementptr inbounds i8, ptr %p, i64 16
  br label %loop
loop:
  %q = phi ptr [ %p, %entry ], [ %q.next, %loop ]
  store i8 0, ptr %q
  %q.next = getelementptr inbounds i8, ptr %q, i64 1
  %done = icmp eq ptr %q.next, %end
  br i1 %done, label %exit, label %loop
exit:
  call void @free(ptr %p)
  ret i64 0
}

; p - k tested against null, and llvm.ptrmask tested against null: an
; address, no provenance.
; CHECK-LABEL: define i1 @offset_null_test_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i1 @offset_null_test_moves(i64 %k) {
  %p = call ptr @malloc(i64 16)
  %neg = sub i64 0, %k
  %q = getelementptr i8, ptr %p, i64 %neg
  %c = icmp eq ptr %q, null
  call void @free(ptr %p)
  ret i1 %c
}

; CHECK-LABEL: define i1 @ptrmask_null_test_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i1 @ptrmask_null_test_moves() {
  %p = call ptr @malloc(i64 16)
  %m = call ptr @llvm.ptrmask.p0.i64(ptr %p, i64 65536)
  %c = icmp ne ptr %m, null
  call void @free(ptr %p)
  ret i1 %c
}

; Near miss: the masked pointer is published.
; CHECK-LABEL: define void @ptrmask_published_escapes(
; CHECK:         call ptr @malloc(i64 16)
define void @ptrmask_published_escapes() {
  %p = call ptr @malloc(i64 16)
  %m = call ptr @llvm.ptrmask.p0.i64(ptr %p, i64 -16)
  store ptr %m, ptr @note
  ret void
}

; --- the printf family ----------------------------------------------------------

; %p prints the address; sscanf("%p") rebuilds it (C11 7.21.6.2).
; CHECK-LABEL: define void @sprintf_percent_p_escapes(
; CHECK:         call ptr @malloc(i64 4)
define void @sprintf_percent_p_escapes() {
  %p = call ptr @malloc(i64 4)
  store i32 42, ptr %p
  call i32 (ptr, ptr, ...) @sprintf(ptr @note, ptr @fmt_p, ptr %p)
  ret void
}

; The address read back as an integer and printed with %lx.
; CHECK-LABEL: define void @printf_address_bits_lx_escapes(
; CHECK:         call ptr @malloc(i64 4)
define void @printf_address_bits_lx_escapes() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 4)
  store ptr %p, ptr %slot
  %x = load i64, ptr %slot
  call i32 (ptr, ...) @printf(ptr @fmt_lx, i64 %x)
  call void @free(ptr %p)
  ret void
}

; Near miss: %s reads the string.
; CHECK-LABEL: define void @printf_percent_s_moves(
; CHECK:         alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @printf_percent_s_moves() {
  %p = call ptr @malloc(i64 4)
  store i32 97, ptr %p
  call i32 (ptr, ...) @printf(ptr @fmt_s, ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: %d of a number read from the object.
; CHECK-LABEL: define void @printf_number_moves(
; CHECK:         alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @printf_number_moves() {
  %p = call ptr @malloc(i64 4)
  store i32 7, ptr %p
  %v = load i32, ptr %p
  call i32 (ptr, ...) @printf(ptr @fmt_d, i32 %v)
  call void @free(ptr %p)
  ret void
}

; A pointer given where the format says %d is printed as a number.
; CHECK-LABEL: define void @printf_pointer_as_number_escapes(
; CHECK:         call ptr @malloc(i64 4)
define void @printf_pointer_as_number_escapes() {
  %p = call ptr @malloc(i64 4)
  call i32 (ptr, ...) @printf(ptr @fmt_d, ptr %p)
  call void @free(ptr %p)
  ret void
}

; A format that is not a literal may say %p.
; CHECK-LABEL: define void @printf_unknown_format_escapes(
; CHECK:         call ptr @malloc(i64 4)
define void @printf_unknown_format_escapes(ptr %fmt) {
  %p = call ptr @malloc(i64 4)
  store i32 97, ptr %p
  call i32 (ptr, ...) @printf(ptr %fmt, ptr %p)
  call void @free(ptr %p)
  ret void
}

; %n writes a count through the pointer: it does not capture it.
; CHECK-LABEL: define void @printf_percent_n_moves(
; CHECK:         alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @printf_percent_n_moves() {
  %p = call ptr @malloc(i64 4)
  call i32 (ptr, ...) @printf(ptr @fmt_n, ptr %p)
  call void @free(ptr %p)
  ret void
}

; YAML: Name: {{.*}}
; YAML: Function: ptrtoint_compared_with_counter_escapes
; YAML: Reason: 'address exposed: converted to integer'
; YAML: Function: sprintf_percent_p_escapes
; YAML: Reason: 'address exposed: printed or observed by'
; YAML-NEXT: String: ' '
; YAML-NEXT: Target: sprintf
