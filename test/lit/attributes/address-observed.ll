; Observing a pointer's address is a capture in LLVM's sense (issue 14,
; class 2): heap2stack publishes no captures(none) where the address is
; compared (after a GEP or a ptrmask, or through a copy kept in a local box),
; and never anything stronger than function-attrs on the same input, except
; by its one rule (a pointer stored only into a local box, captures.ll).
; Near misses: a pointer only loaded from or stored through gets
; captures(none), as function-attrs gives it.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: opt -passes=function-attrs -S %s | FileCheck --check-prefix=FA %s

declare ptr @llvm.ptrmask.p0.i64(ptr, i64)

; CHECK-LABEL: define i1 @gep_compared_with_null_not_none(ptr "heap2stack.leaks"=
; FA-LABEL:    define i1 @gep_compared_with_null_not_none(ptr readnone captures(address) %p)
define i1 @gep_compared_with_null_not_none(ptr %p) {
  %q = getelementptr i8, ptr %p, i64 -8
  %c = icmp eq ptr %q, null
  ret i1 %c
}

; CHECK-LABEL: define i1 @masked_compared_with_null_not_none(ptr "heap2stack.leaks"=
; FA-LABEL:    define i1 @masked_compared_with_null_not_none(ptr readnone %p)
define i1 @masked_compared_with_null_not_none(ptr %p) {
  %q = call ptr @llvm.ptrmask.p0.i64(ptr %p, i64 16)
  %c = icmp ne ptr %q, null
  ret i1 %c
}

; The copy read back from the box is compared: the box rule does not apply.
; CHECK-LABEL: define i1 @box_copy_compared_not_none(ptr "heap2stack.leaks"=
; FA-LABEL:    define i1 @box_copy_compared_not_none(ptr %p,
define i1 @box_copy_compared_not_none(ptr %p, ptr %o) {
  %box = alloca ptr
  store ptr %p, ptr %box
  %q = load ptr, ptr %box
  %c = icmp eq ptr %q, %o
  ret i1 %c
}

; The box's bytes read as an integer: the address is read as data.
; CHECK-LABEL: define i64 @box_read_as_integer_not_none(ptr "heap2stack.leaks"=
; FA-LABEL:    define i64 @box_read_as_integer_not_none(ptr %p)
define i64 @box_read_as_integer_not_none(ptr %p) {
  %box = alloca ptr
  store ptr %p, ptr %box
  %i = load i64, ptr %box
  ret i64 %i
}

; CHECK-LABEL: define i64 @ptrtoint_not_none(ptr "heap2stack.leaks"=
; FA-LABEL:    define i64 @ptrtoint_not_none(ptr %p)
define i64 @ptrtoint_not_none(ptr %p) {
  %i = ptrtoint ptr %p to i64
  ret i64 %i
}

; --- near misses ----------------------------------------------------------

; CHECK-LABEL: define i32 @only_loaded_from_none(ptr captures(none) "heap2stack.leaks"=
; FA-LABEL:    define i32 @only_loaded_from_none(ptr readonly captures(none) %p)
define i32 @only_loaded_from_none(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}

; CHECK-LABEL: define void @only_stored_through_none(ptr captures(none) "heap2stack.leaks"=
; FA-LABEL:    define void @only_stored_through_none(ptr writeonly captures(none) {{.*}}%p)
define void @only_stored_through_none(ptr %p) {
  %q = getelementptr i8, ptr %p, i64 8
  store i32 1, ptr %q
  ret void
}

; The copy in the box is only loaded through: the box rule applies.
; CHECK-LABEL: define i32 @box_copy_loaded_through_none(ptr captures(none) "heap2stack.leaks"=
; FA-LABEL:    define i32 @box_copy_loaded_through_none(ptr %p)
define i32 @box_copy_loaded_through_none(ptr %p) {
  %box = alloca ptr
  store ptr %p, ptr %box
  %q = load ptr, ptr %box
  %v = load i32, ptr %q
  ret i32 %v
}
