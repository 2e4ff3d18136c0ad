; Loop depth (DESIGN.md "Model"): one entry-block alloca serves every iteration, so
; an object may move only if no pointer to iteration i's object is seen in
; iteration i+1. An object escapes when its address reaches a location of
; smaller loop depth: a header phi, an entry-block alloca, an object from an
; outer loop. Irreducible cycles must stay sound.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(i32)

; Allocated and freed in the same iteration: one slot in the entry block,
; not in the loop; lifetime markers bound each iteration's object.
; CHECK-LABEL: define void @loop_freed_same_iteration_promoted(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK:       loop:
; CHECK-NOT:     alloca
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK-NOT:     call ptr @malloc
; CHECK:         call void @llvm.lifetime.end.p0(ptr %p.h2s)
; CHECK-NOT:     call void @free
; CHECK:       exit:
define void @loop_freed_same_iteration_promoted(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %p = call ptr @malloc(i64 16)
  store i32 %i, ptr %p
  %v = load i32, ptr %p
  call void @use(i32 %v)
  call void @free(ptr %p)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A list built across iterations through a header phi: every node outlives
; its iteration.
; CHECK-LABEL: define i32 @loop_list_through_phi_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %node = call ptr @malloc(i64 16)
define i32 @loop_list_through_phi_escapes(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %head = phi ptr [ null, %entry ], [ %node, %loop ]
  %node = call ptr @malloc(i64 16)
  store ptr %head, ptr %node
  %f = getelementptr i8, ptr %node, i64 8
  store i32 %i, ptr %f
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  %hv = getelementptr i8, ptr %node, i64 8
  %r = load i32, ptr %hv
  ret i32 %r
}

; The previous iteration's object is freed in the next one: two objects are
; live at once, a single slot cannot hold both.
; CHECK-LABEL: define void @loop_freed_next_iteration_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @loop_freed_next_iteration_escapes(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %prev = phi ptr [ null, %entry ], [ %p, %loop ]
  %p = call ptr @malloc(i64 16)
  store i32 %i, ptr %p
  call void @free(ptr %prev)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  call void @free(ptr %p)
  ret void
}

; The list head kept in an entry-block alloca instead of a phi.
; CHECK-LABEL: define void @loop_list_through_entry_alloca_escapes(
; CHECK:         %headslot = alloca ptr
; CHECK-NOT:     alloca [
; CHECK:         %node = call ptr @malloc(i64 16)
define void @loop_list_through_entry_alloca_escapes(i32 %n) {
entry:
  %headslot = alloca ptr
  store ptr null, ptr %headslot
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %node = call ptr @malloc(i64 16)
  %head = load ptr, ptr %headslot
  store ptr %head, ptr %node
  store ptr %node, ptr %headslot
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Near miss: two objects of the same iteration linked together, both freed
; in that iteration.
; CHECK-LABEL: define void @loop_link_within_iteration_promoted(
; CHECK-NEXT:  entry:
; CHECK-DAG:     %node.h2s = alloca [16 x i8], align 16
; CHECK-DAG:     %val.h2s = alloca [4 x i8], align 16
; CHECK:       loop:
; CHECK-NOT:     call ptr @malloc
; CHECK:       exit:
define void @loop_link_within_iteration_promoted(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %node = call ptr @malloc(i64 16)
  %val = call ptr @malloc(i64 4)
  store i32 %i, ptr %val
  store ptr %val, ptr %node
  %q = load ptr, ptr %node
  %v = load i32, ptr %q
  call void @use(i32 %v)
  call void @free(ptr %val)
  call void @free(ptr %node)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A pointer that only flows forward through a phi inside the iteration (not
; a header phi) stays at the loop's depth.
; CHECK-LABEL: define void @loop_inner_phi_promoted(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:       exit:
define void @loop_inner_phi_promoted(i32 %n, i1 %b) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %latch ]
  %p = call ptr @malloc(i64 16)
  br i1 %b, label %then, label %latch
then:
  %pq = getelementptr i8, ptr %p, i64 4
  br label %latch
latch:
  %q = phi ptr [ %pq, %then ], [ %p, %loop ]
  store i32 %i, ptr %q
  call void @free(ptr %p)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; --- nested loops ---------------------------------------------------------------

; Allocated and freed in the inner loop.
; CHECK-LABEL: define void @nested_inner_local_promoted(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p.h2s = alloca [8 x i8], align 16
; CHECK:       outer:
; CHECK-NOT:     alloca
; CHECK-NOT:     call ptr @malloc
; CHECK:       exit:
define void @nested_inner_local_promoted(i32 %n, i32 %m) {
entry:
  br label %outer
outer:
  %i = phi i32 [ 0, %entry ], [ %i.next, %outer.latch ]
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j.next, %inner ]
  %p = call ptr @malloc(i64 8)
  store i32 %j, ptr %p
  call void @free(ptr %p)
  %j.next = add i32 %j, 1
  %cj = icmp slt i32 %j.next, %m
  br i1 %cj, label %inner, label %outer.latch
outer.latch:
  %i.next = add i32 %i, 1
  %ci = icmp slt i32 %i.next, %n
  br i1 %ci, label %outer, label %exit
exit:
  ret void
}

; An inner-loop object stored into an object of the outer iteration
; outlives its inner iteration; the outer object itself stays local.
; CHECK-LABEL: define void @nested_inner_into_outer_object_escapes(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %box.h2s = alloca [8 x i8], align 16
; CHECK:         %p = call ptr @malloc(i64 8)
define void @nested_inner_into_outer_object_escapes(i32 %n, i32 %m) {
entry:
  br label %outer
outer:
  %i = phi i32 [ 0, %entry ], [ %i.next, %outer.latch ]
  %box = call ptr @malloc(i64 8)
  store ptr null, ptr %box
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j.next, %inner ]
  %p = call ptr @malloc(i64 8)
  store ptr %p, ptr %box
  %j.next = add i32 %j, 1
  %cj = icmp slt i32 %j.next, %m
  br i1 %cj, label %inner, label %outer.latch
outer.latch:
  call void @free(ptr %box)
  %i.next = add i32 %i, 1
  %ci = icmp slt i32 %i.next, %n
  br i1 %ci, label %outer, label %exit
exit:
  ret void
}

; An inner-loop object carried by the outer loop's header phi.
; CHECK-LABEL: define void @nested_carried_by_outer_phi_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 8)
define void @nested_carried_by_outer_phi_escapes(i32 %n, i32 %m) {
entry:
  br label %outer
outer:
  %i = phi i32 [ 0, %entry ], [ %i.next, %outer.latch ]
  %last = phi ptr [ null, %entry ], [ %p, %outer.latch ]
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j.next, %inner ]
  %p = call ptr @malloc(i64 8)
  %j.next = add i32 %j, 1
  %cj = icmp slt i32 %j.next, %m
  br i1 %cj, label %inner, label %outer.latch
outer.latch:
  %i.next = add i32 %i, 1
  %ci = icmp slt i32 %i.next, %n
  br i1 %ci, label %outer, label %exit
exit:
  call void @free(ptr %last)
  ret void
}

; --- irreducible control flow ------------------------------------------------------

; A two-entry cycle (a <-> b, both entered from entry) carrying the previous
; object in a phi: must stay on the heap.
; CHECK-LABEL: define void @irreducible_carried_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @irreducible_carried_escapes(i1 %c, i32 %n) {
entry:
  br i1 %c, label %a, label %b
a:
  %prev.a = phi ptr [ null, %entry ], [ %p, %b ]
  %k.a = phi i32 [ 0, %entry ], [ %k.next, %b ]
  call void @free(ptr %prev.a)
  br label %b
b:
  %k = phi i32 [ 0, %entry ], [ %k.a, %a ]
  %p = call ptr @malloc(i64 16)
  store i32 %k, ptr %p
  %k.next = add i32 %k, 1
  %more = icmp slt i32 %k.next, %n
  br i1 %more, label %a, label %exit
exit:
  call void @free(ptr %p)
  ret void
}

; The same cycle with the object freed in the block that made it: the slot is
; never shared between trips; moving it is sound and happens.
; CHECK-LABEL: define void @irreducible_freed_same_trip_promoted(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; CHECK:       exit:
define void @irreducible_freed_same_trip_promoted(i1 %c, i32 %n) {
entry:
  br i1 %c, label %a, label %b
a:
  %k.a = phi i32 [ 0, %entry ], [ %k.next, %b ]
  br label %b
b:
  %k = phi i32 [ 0, %entry ], [ %k.a, %a ]
  %p = call ptr @malloc(i64 16)
  store i32 %k, ptr %p
  call void @free(ptr %p)
  %k.next = add i32 %k, 1
  %more = icmp slt i32 %k.next, %n
  br i1 %more, label %a, label %exit
exit:
  ret void
}

; A list linked through the second entry's phi: each node points to the
; previous trip's node.
; CHECK-LABEL: define void @irreducible_list_via_second_entry_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @irreducible_list_via_second_entry_escapes(i1 %c, i32 %n) {
entry:
  br i1 %c, label %a, label %b
a:
  %k.a = phi i32 [ 0, %entry ], [ %k.next, %b ]
  %prev.a = phi ptr [ null, %entry ], [ %head, %b ]
  %p = call ptr @malloc(i64 16)
  store ptr %prev.a, ptr %p
  br label %b
b:
  %head = phi ptr [ null, %entry ], [ %p, %a ]
  %k = phi i32 [ 0, %entry ], [ %k.a, %a ]
  %k.next = add i32 %k, 1
  %more = icmp slt i32 %k.next, %n
  br i1 %more, label %a, label %exit
exit:
  ret void
}
