; Field-sensitive objects (issue 16, DESIGN.md "Fields"): a load at a known
; byte range reads only what was stored at overlapping ranges of the object.
; An int field next to a pointer to the object itself is returned: the
; object moves. Near misses: a narrower load overlapping the pointer's bytes,
; a copy of the record (memcpy), union punning, a record in an array read at
; an offset (modulo the element) that overlaps the pointer, a variable byte
; index, and a store at an unknown offset: each escapes.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

%rec = type { i32, ptr }

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; --- fields of one record ----------------------------------------------------

; CHECK-LABEL: define i32 @int_beside_self_pointer_promoted(
; CHECK:         alloca [16 x i8]
; CHECK-NOT:     call ptr @malloc
define i32 @int_beside_self_pointer_promoted(i32 %n) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %v = load i32, ptr %a
  call void @free(ptr %a)
  ret i32 %v
}

; Four bytes at offset 12: the high half of the pointer.
; CHECK-LABEL: define i32 @narrow_load_of_pointer_bytes_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i32 @narrow_load_of_pointer_bytes_escapes(i32 %n) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %hi = getelementptr inbounds i8, ptr %a, i64 12
  %v = load i32, ptr %hi
  ret i32 %v
}

; Eight bytes at offset 4 straddle the int and the pointer's low half.
; CHECK-LABEL: define i64 @straddling_load_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i64 @straddling_load_escapes(i32 %n) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %mid = getelementptr inbounds i8, ptr %a, i64 4
  %v = load i64, ptr %mid
  ret i64 %v
}

; --- copies and punning ------------------------------------------------------

; Copied out of: the source is read whole, its int field still carries
; nothing, so both records move.
; CHECK-LABEL: define i32 @copied_from_then_int_read_promoted(
; CHECK-NOT:     call ptr @malloc
define i32 @copied_from_then_int_read_promoted(i32 %n) {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  call void @llvm.memcpy.p0.p0.i64(ptr %b, ptr %a, i64 16, i1 false)
  %v = load i32, ptr %a
  call void @free(ptr %b)
  call void @free(ptr %a)
  ret i32 %v
}

; Copied into: the copy's bytes hold the pointer wherever it was, so the
; int read from the copy carries it.
; CHECK-LABEL: define i32 @int_read_from_memcpy_copy_escapes(
; CHECK:         %a = call ptr @malloc(i64 16)
define i32 @int_read_from_memcpy_copy_escapes(i32 %n) {
  %a = call ptr @malloc(i64 16)
  %b = alloca %rec
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  call void @llvm.memcpy.p0.p0.i64(ptr %b, ptr %a, i64 16, i1 false)
  %v = load i32, ptr %b
  ret i32 %v
}

; A union: a long and a pointer at the same offset.
; CHECK-LABEL: define i64 @union_pun_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i64 @union_pun_escapes() {
  %a = call ptr @malloc(i64 16)
  %u = getelementptr inbounds i8, ptr %a, i64 8
  store ptr %a, ptr %u
  %v = load i64, ptr %u
  ret i64 %v
}

; The union's other member, beside it, is a different field.
; CHECK-LABEL: define i64 @union_beside_pointer_promoted(
; CHECK-NOT:     call ptr @malloc
define i64 @union_beside_pointer_promoted(i64 %n) {
  %a = call ptr @malloc(i64 16)
  %u = getelementptr inbounds i8, ptr %a, i64 8
  store ptr %a, ptr %u
  store i64 %n, ptr %a
  %v = load i64, ptr %a
  call void @free(ptr %a)
  ret i64 %v
}

; --- arrays of records: offsets modulo the element size ----------------------

; Element i's next points to element j; element k's count is returned.
; CHECK-LABEL: define i32 @array_of_records_count_promoted(
; CHECK:         alloca [640 x i8]
; CHECK-NOT:     call ptr @malloc
define i32 @array_of_records_count_promoted(i64 %i, i64 %j, i64 %k) {
  %a = call ptr @malloc(i64 640)
  %ei = getelementptr inbounds %rec, ptr %a, i64 %i
  store i32 1, ptr %ei
  %ej = getelementptr inbounds %rec, ptr %a, i64 %j
  %nexti = getelementptr inbounds %rec, ptr %a, i64 %i, i32 1
  store ptr %ej, ptr %nexti
  %ek = getelementptr inbounds %rec, ptr %a, i64 %k
  %v = load i32, ptr %ek
  call void @free(ptr %a)
  ret i32 %v
}

; The same array read at element k plus 12 bytes: the pointer's high half.
; CHECK-LABEL: define i32 @array_of_records_high_half_escapes(
; CHECK:         call ptr @malloc(i64 640)
define i32 @array_of_records_high_half_escapes(i64 %i, i64 %j, i64 %k) {
  %a = call ptr @malloc(i64 640)
  %ej = getelementptr inbounds %rec, ptr %a, i64 %j
  %nexti = getelementptr inbounds %rec, ptr %a, i64 %i, i32 1
  store ptr %ej, ptr %nexti
  %ek = getelementptr inbounds %rec, ptr %a, i64 %k
  %hi = getelementptr inbounds i8, ptr %ek, i64 12
  %v = load i32, ptr %hi
  ret i32 %v
}

; Indexed by 12-byte steps: modulo gcd(16, 12) = 4 every int may be pointer
; bytes.
; CHECK-LABEL: define i32 @array_read_with_other_stride_escapes(
; CHECK:         call ptr @malloc(i64 640)
define i32 @array_read_with_other_stride_escapes(i64 %i, i64 %j, i64 %k) {
  %a = call ptr @malloc(i64 640)
  %ej = getelementptr inbounds %rec, ptr %a, i64 %j
  %nexti = getelementptr inbounds %rec, ptr %a, i64 %i, i32 1
  store ptr %ej, ptr %nexti
  %ek = getelementptr inbounds [12 x i8], ptr %a, i64 %k
  %v = load i32, ptr %ek
  ret i32 %v
}

; --- unknown offsets ---------------------------------------------------------

; A variable byte index may reach the pointer's bytes.
; CHECK-LABEL: define i32 @variable_byte_index_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i32 @variable_byte_index_escapes(i32 %n, i64 %k) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %at = getelementptr inbounds i8, ptr %a, i64 %k
  %v = load i32, ptr %at
  ret i32 %v
}

; The pointer stored through a select: at an offset the analysis does not
; know, so the object is read whole.
; CHECK-LABEL: define i32 @store_at_unknown_offset_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i32 @store_at_unknown_offset_escapes(i32 %n, i1 %c) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  %p = select i1 %c, ptr %a, ptr %next
  store ptr %a, ptr %p
  %v = load i32, ptr %a
  ret i32 %v
}
