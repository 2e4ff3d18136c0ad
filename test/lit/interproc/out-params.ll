; Out-parameters and sret: a helper that does `*out = p` leaks p to the
; result that is out's pointee. The caller applies that as a store of p into
; whatever its argument points to: a local box keeps the object local, a
; global or an escaping box does not. Only the first three pointer
; parameters' pointees are results; a store through a later one is a heap
; leak. Two results: each object follows its own out-parameter.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null
@g2 = global ptr null

%struct.holder = type { ptr, i64 }

define internal void @store_out(ptr %out, ptr %p) noinline {
  store ptr %p, ptr %out
  ret void
}

; Two results: *oa = a, *ob = b.
define internal void @split(ptr %oa, ptr %ob, ptr %a, ptr %b) noinline {
  store ptr %a, ptr %oa
  store ptr %b, ptr %ob
  ret void
}

; The fourth pointer parameter's pointee is not a result.
define internal void @store_out_fourth(ptr %x, ptr %y, ptr %z, ptr %out, ptr %p) noinline {
  call void @use(ptr %x)
  call void @use(ptr %y)
  call void @use(ptr %z)
  store ptr %p, ptr %out
  ret void
}

; **out = p: out's pointee is a result, what it points to is unknown.
define internal void @store_out_twice_removed(ptr %out, ptr %p) noinline {
  %inner = load ptr, ptr %out
  store ptr %p, ptr %inner
  ret void
}

; A struct returned by value through sret, holding the pointer.
define internal void @wrap(ptr sret(%struct.holder) %r, ptr %p) noinline {
  store ptr %p, ptr %r
  %f = getelementptr %struct.holder, ptr %r, i32 0, i32 1
  store i64 1, ptr %f
  ret void
}

; --- *out = p -------------------------------------------------------------------

; CHECK-LABEL: define void @out_param_local_box_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         call void @store_out(ptr %box, ptr %p.h2s)
define void @out_param_local_box_promoted() {
  %box = alloca ptr
  %p = call ptr @malloc(i64 16)
  call void @store_out(ptr %box, ptr %p)
  %v = load ptr, ptr %box
  call void @use(ptr %v)
  call void @free(ptr %p)
  ret void
}

; REMARK: remark: <unknown>:0:0: malloc(16) escapes to heap: stored through an out-parameter of store_out
; CHECK-LABEL: define void @out_param_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @out_param_global_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @store_out(ptr @g, ptr %p)
  ret void
}

; Near miss: the box is local, but its contents are loaded and published.
; CHECK-LABEL: define void @out_param_box_content_published_escapes(
; CHECK-NOT:     alloca [16
; CHECK:         %p = call ptr @malloc(i64 16)
define void @out_param_box_content_published_escapes() {
  %box = alloca ptr
  %p = call ptr @malloc(i64 16)
  call void @store_out(ptr %box, ptr %p)
  %v = load ptr, ptr %box
  store ptr %v, ptr @g
  ret void
}

; Near miss: the box is itself an object that escapes.
; CHECK-LABEL: define void @out_param_escaping_box_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %box = call ptr @malloc(i64 8)
; CHECK:         %p = call ptr @malloc(i64 16)
define void @out_param_escaping_box_escapes() {
  %box = call ptr @malloc(i64 8)
  store ptr %box, ptr @g
  %p = call ptr @malloc(i64 16)
  call void @store_out(ptr %box, ptr %p)
  ret void
}

; The box is a promoted object too: both move.
; CHECK-LABEL: define void @out_param_heap_box_both_promoted(
; CHECK-DAG:     %box.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @out_param_heap_box_both_promoted() {
  %box = call ptr @malloc(i64 8)
  %p = call ptr @malloc(i64 16)
  call void @store_out(ptr %box, ptr %p)
  %v = load ptr, ptr %box
  call void @use(ptr %v)
  call void @free(ptr %p)
  call void @free(ptr %box)
  ret void
}

; --- two results ------------------------------------------------------------------

; CHECK-LABEL: define void @two_out_params_local_promoted(
; CHECK-DAG:     %a.h2s = alloca [8 x i8], align 16
; CHECK-DAG:     %b.h2s = alloca [24 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @two_out_params_local_promoted() {
  %ba = alloca ptr
  %bb = alloca ptr
  %a = call ptr @malloc(i64 8)
  %b = call ptr @malloc(i64 24)
  call void @split(ptr %ba, ptr %bb, ptr %a, ptr %b)
  %x = load ptr, ptr %ba
  %y = load ptr, ptr %bb
  call void @use(ptr %x)
  call void @use(ptr %y)
  ret void
}

; Near miss: the second result goes to a global; only b stays.
; CHECK-LABEL: define void @second_out_param_global_escapes(
; CHECK:         %a.h2s = alloca [8 x i8], align 16
; CHECK-NOT:     alloca [24
; CHECK:         %b = call ptr @malloc(i64 24)
define void @second_out_param_global_escapes() {
  %ba = alloca ptr
  %a = call ptr @malloc(i64 8)
  %b = call ptr @malloc(i64 24)
  call void @split(ptr %ba, ptr @g, ptr %a, ptr %b)
  %x = load ptr, ptr %ba
  call void @use(ptr %x)
  ret void
}

; Near miss: the first result goes to a global; only a stays.
; CHECK-LABEL: define void @first_out_param_global_escapes(
; CHECK:         %b.h2s = alloca [24 x i8], align 16
; CHECK-NOT:     alloca [8
; CHECK:         %a = call ptr @malloc(i64 8)
define void @first_out_param_global_escapes() {
  %bb = alloca ptr
  %a = call ptr @malloc(i64 8)
  %b = call ptr @malloc(i64 24)
  call void @split(ptr @g, ptr %bb, ptr %a, ptr %b)
  %y = load ptr, ptr %bb
  call void @use(ptr %y)
  ret void
}

; --- limits of out-parameters -----------------------------------------------------------

; Through the fourth pointer parameter: a heap leak, even into a local box.
; CHECK-LABEL: define void @fourth_pointer_param_not_an_out_param(
; CHECK-NOT:     alloca [16
; CHECK:         %p = call ptr @malloc(i64 16)
define void @fourth_pointer_param_not_an_out_param() {
  %box = alloca ptr
  %p = call ptr @malloc(i64 16)
  call void @store_out_fourth(ptr null, ptr null, ptr null, ptr %box, ptr %p)
  ret void
}

; One level further down than the out-parameter's pointee: unknown memory.
; CHECK-LABEL: define void @store_below_out_param_escapes(
; CHECK-NOT:     alloca [16
; CHECK:         %p = call ptr @malloc(i64 16)
define void @store_below_out_param_escapes() {
  %box = alloca ptr
  %slot = alloca ptr
  store ptr %slot, ptr %box
  %p = call ptr @malloc(i64 16)
  call void @store_out_twice_removed(ptr %box, ptr %p)
  ret void
}

; --- sret ---------------------------------------------------------------------------

; CHECK-LABEL: define i64 @sret_holder_local_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:         call void @wrap(ptr sret(%struct.holder) %h, ptr %p.h2s)
define i64 @sret_holder_local_promoted() {
  %h = alloca %struct.holder
  %p = call ptr @malloc(i64 16)
  store i64 5, ptr %p
  call void @wrap(ptr sret(%struct.holder) %h, ptr %p)
  %q = load ptr, ptr %h
  %v = load i64, ptr %q
  call void @free(ptr %p)
  ret i64 %v
}

; Near miss: the pointer taken out of the returned struct is published.
; CHECK-LABEL: define void @sret_holder_field_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @sret_holder_field_to_global_escapes() {
  %h = alloca %struct.holder
  %p = call ptr @malloc(i64 16)
  call void @wrap(ptr sret(%struct.holder) %h, ptr %p)
  %q = load ptr, ptr %h
  store ptr %q, ptr @g2
  ret void
}

; Near miss: the sret slot is a global struct.
@gholder = global %struct.holder zeroinitializer
; CHECK-LABEL: define void @sret_into_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @sret_into_global_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @wrap(ptr sret(%struct.holder) @gholder, ptr %p)
  ret void
}
