; In-to-out parameter flow (Go's commit 507fcf37): a helper defined in the
; module that returns its argument leaks it to its result, not to the heap,
; so the caller's object moves when the result stays local and escapes when
; the result does. Also f(g()) wiring (a result passed straight into the
; next call) and aggregate (multi-value) returns. Helpers are noinline, so
; only the summaries can prove these.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

define internal ptr @identity(ptr %p) noinline {
  ret ptr %p
}

; Returns a pointer into its argument.
define internal ptr @second_field(ptr %p) noinline {
  %f = getelementptr i8, ptr %p, i64 8
  ret ptr %f
}

; Only looks at the object.
define internal i64 @consume(ptr %p) noinline {
  %v = load i64, ptr %p
  ret i64 %v
}

; Keeps the object.
define internal void @publish(ptr %p) noinline {
  store ptr %p, ptr @g
  ret void
}

define internal { ptr, ptr } @make_pair(ptr %a, ptr %b) noinline {
  %1 = insertvalue { ptr, ptr } poison, ptr %a, 0
  %2 = insertvalue { ptr, ptr } %1, ptr %b, 1
  ret { ptr, ptr } %2
}

define internal ptr @first_of_pair({ ptr, ptr } %pair) noinline {
  %x = extractvalue { ptr, ptr } %pair, 0
  ret ptr %x
}

; --- identity: result local vs result stored to a global ---------------------

; CHECK-LABEL: define void @identity_result_local_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         call ptr @identity(ptr %p.h2s)
; CHECK-NOT:     call void @free
define void @identity_result_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity(ptr %p)
  call void @use(ptr %q)
  call void @free(ptr %p)
  ret void
}

; Near miss: the result goes to a global.
; CHECK-LABEL: define void @identity_result_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         store ptr %q, ptr @g
define void @identity_result_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity(ptr %p)
  store ptr %q, ptr @g
  ret void
}

; Near miss: the result is returned by the caller.
; CHECK-LABEL: define ptr @identity_result_returned_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define ptr @identity_result_returned_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity(ptr %p)
  ret ptr %q
}

; A derived pointer (gep in the callee) is still the same object.
; CHECK-LABEL: define void @interior_result_local_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @interior_result_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @second_field(ptr %p)
  store i64 1, ptr %q
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @interior_result_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @interior_result_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @second_field(ptr %p)
  store ptr %q, ptr @g
  ret void
}

; --- f(g()): one helper's result straight into the next ----------------------

; CHECK-LABEL: define i64 @chained_into_reader_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         %q = call ptr @identity(ptr %p.h2s)
; CHECK:         call i64 @consume(ptr %q)
define i64 @chained_into_reader_promoted() {
  %p = call ptr @malloc(i64 16)
  store i64 7, ptr %p
  %q = call ptr @identity(ptr %p)
  %v = call i64 @consume(ptr %q)
  call void @free(ptr %p)
  ret i64 %v
}

; Near miss: the second helper keeps what the first returned.
; CHECK-LABEL: define void @chained_into_keeper_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @chained_into_keeper_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity(ptr %p)
  call void @publish(ptr %q)
  ret void
}

; Two levels: identity(identity(p)).
; CHECK-LABEL: define void @nested_identity_local_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @nested_identity_local_promoted() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity(ptr %p)
  %r = call ptr @identity(ptr %q)
  call void @use(ptr %r)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @nested_identity_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @nested_identity_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @identity(ptr %p)
  %r = call ptr @identity(ptr %q)
  store ptr %r, ptr @g
  ret void
}

; --- aggregate returns: a pair built by one helper, taken apart by another ----

; CHECK-LABEL: define void @pair_result_local_promoted(
; CHECK-DAG:     %a.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %b.h2s = alloca [8 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @pair_result_local_promoted() {
  %a = call ptr @malloc(i64 8)
  %b = call ptr @malloc(i64 8)
  %pr = call { ptr, ptr } @make_pair(ptr %a, ptr %b)
  %x = call ptr @first_of_pair({ ptr, ptr } %pr)
  call void @use(ptr %x)
  call void @free(ptr %a)
  call void @free(ptr %b)
  ret void
}

; Near miss: the element taken out goes to a global. Fields of an aggregate
; are not told apart, so both objects stay.
; CHECK-LABEL: define void @pair_result_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %a = call ptr @malloc(i64 8)
; CHECK:         %b = call ptr @malloc(i64 8)
define void @pair_result_to_global_escapes() {
  %a = call ptr @malloc(i64 8)
  %b = call ptr @malloc(i64 8)
  %pr = call { ptr, ptr } @make_pair(ptr %a, ptr %b)
  %x = call ptr @first_of_pair({ ptr, ptr } %pr)
  store ptr %x, ptr @g
  ret void
}
