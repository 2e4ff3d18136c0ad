; DESIGN.md "Traps": the traps a wrong implementation falls into, one function each,
; with the near miss that may move next to it.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -verify-each -disable-output %s

%node = type { ptr, i32 }

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @unknown(ptr)
declare void @copies_contents(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
declare i32 @pthread_join(i64, ptr)
declare ptr @thread_main(ptr)
declare i32 @setjmp(ptr) returns_twice

; 1. A node allocated in a loop and linked into a list that outlives the
;    iteration.
; CHECK-LABEL: define void @trap_loop_node_linked_into_list(
; CHECK-NOT:     alloca [
; CHECK:         %n = call ptr @malloc(i64 16)
define void @trap_loop_node_linked_into_list(i32 %count) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %head = phi ptr [ null, %entry ], [ %n, %loop ]
  %n = call ptr @malloc(i64 16)
  store ptr %head, ptr %n
  %val = getelementptr %node, ptr %n, i32 0, i32 1
  store i32 %i, ptr %val
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %count
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Near miss: the node is dropped at the end of each iteration.
; CHECK-LABEL: define void @trap_loop_node_per_iteration_promoted(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %n.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @trap_loop_node_per_iteration_promoted(i32 %count) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %n = call ptr @malloc(i64 16)
  store ptr null, ptr %n
  call void @use(ptr %n)
  call void @free(ptr %n)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %count
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; 2. A pointer stored into an object whose address is then passed to an
;    unknown function: the container and its contents escape.
; CHECK-LABEL: define void @trap_pointer_in_object_passed_to_unknown(
; CHECK-NOT:     alloca [
; CHECK:         %box = call ptr @malloc(i64 8)
; CHECK:         %p = call ptr @malloc(i64 16)
define void @trap_pointer_in_object_passed_to_unknown() {
  %box = call ptr @malloc(i64 8)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @unknown(ptr %box)
  ret void
}

; 3. free(c ? p : other): the free may receive another object.
; CHECK-LABEL: define void @trap_free_of_select_with_other(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @free(ptr %f)
define void @trap_free_of_select_with_other(i1 %c, ptr %other) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  %f = select i1 %c, ptr %p, ptr %other
  call void @free(ptr %f)
  ret void
}

; 4. A captures(none) callee that may copy the object's contents elsewhere:
;    the object may move, what it points to may not.
; CHECK-LABEL: define void @trap_nocapture_callee_copies_contents(
; CHECK:         %box.h2s = alloca [8 x i8], align 16
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @copies_contents(ptr %box.h2s)
define void @trap_nocapture_callee_copies_contents() {
  %box = call ptr @malloc(i64 8)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @copies_contents(ptr %box)
  call void @free(ptr %box)
  ret void
}

; 5. A pointer returned through an out-parameter...
; CHECK-LABEL: define void @trap_out_parameter(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @trap_out_parameter(ptr %out) {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %out
  ret void
}

; ...or through an sret slot.
; CHECK-LABEL: define void @trap_sret_slot(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @trap_sret_slot(ptr sret(%node) %ret) {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %ret
  ret void
}

; 6. An alignment test on the pointer: the slot keeps malloc's alignment,
;    so the test gives the same answer.
; CHECK-LABEL: define i1 @trap_alignment_test(
; CHECK:         %p.h2s = alloca [4 x i8], align 16
; CHECK:         and i64 %i, 15
define i1 @trap_alignment_test() {
  %p = call ptr @malloc(i64 4)
  %i = ptrtoint ptr %p to i64
  %low = and i64 %i, 15
  %aligned = icmp eq i64 %low, 0
  call void @free(ptr %p)
  ret i1 %aligned
}

; The low bits returned as a number are a page offset: they cannot rebuild
; the address, and the slot keeps malloc's alignment, so the value is the
; same on the stack.
; CHECK-LABEL: define i64 @trap_alignment_bits_returned(
; CHECK:         %p.h2s = alloca [4 x i8], align 16
define i64 @trap_alignment_bits_returned() {
  %p = call ptr @malloc(i64 4)
  %i = ptrtoint ptr %p to i64
  %low = and i64 %i, 15
  call void @free(ptr %p)
  ret i64 %low
}

; Near miss: bits above the page offset are returned: exposed.
; CHECK-LABEL: define i64 @trap_address_bits_returned(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 4)
define i64 @trap_address_bits_returned() {
  %p = call ptr @malloc(i64 4)
  %i = ptrtoint ptr %p to i64
  %hi = and i64 %i, 8191
  call void @free(ptr %p)
  ret i64 %hi
}

; 7. pthread_create(..., p) publishes p to another thread, even when the
;    creator joins it before freeing.
; CHECK-LABEL: define void @trap_pthread_create_publishes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @trap_pthread_create_publishes() {
  %tid = alloca i64
  %p = call ptr @malloc(i64 16)
  %r = call i32 @pthread_create(ptr %tid, ptr null, ptr @thread_main, ptr %p)
  %t = load i64, ptr %tid
  %j = call i32 @pthread_join(i64 %t, ptr null)
  call void @free(ptr %p)
  ret void
}

; 8. Recursion multiplies promoted objects by the recursion depth: only
;    small objects move in recursive functions.
; CHECK-LABEL: define i32 @trap_recursion_large_object(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 1024)
define i32 @trap_recursion_large_object(i32 %d) {
entry:
  %p = call ptr @malloc(i64 1024)
  call void @use(ptr %p)
  call void @free(ptr %p)
  %z = icmp eq i32 %d, 0
  br i1 %z, label %base, label %rec
rec:
  %d1 = sub i32 %d, 1
  %r = call i32 @trap_recursion_large_object(i32 %d1)
  ret i32 %r
base:
  ret i32 0
}

; Near miss: the same size in a function that does not recurse.
; CHECK-LABEL: define i32 @trap_no_recursion_large_object_promoted(
; CHECK:         %p.h2s = alloca [1024 x i8], align 16
define i32 @trap_no_recursion_large_object_promoted(i32 %d) {
entry:
  %p = call ptr @malloc(i64 1024)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret i32 0
}

; 9. setjmp: longjmp may come back after the slot was reused.
; CHECK-LABEL: define void @trap_setjmp(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @trap_setjmp(ptr %env) {
  %p = call ptr @malloc(i64 16)
  %r = call i32 @setjmp(ptr %env)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}
