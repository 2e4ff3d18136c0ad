; BUG (uncommitted): loop depth compared across sibling loops. %box is made
; in the first loop (depth 1) and holds the second loop's node (depth 1)
; across the second loop's iterations: each iteration reads the previous
; node through %box before linking the new one. Equal depths, so the pass
; puts every node in one slot and %prev aliases the new node.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s

declare ptr @malloc(i64)
declare void @use_i32(i32)

; CHECK-LABEL: define void @sibling_loop_box_holds_previous_node(
; CHECK-NOT:     %node.h2s = alloca
; CHECK:         %node = call ptr @malloc(i64 16)
define void @sibling_loop_box_holds_previous_node(i32 %m, i32 %n) {
entry:
  br label %first
first:
  %j = phi i32 [ 0, %entry ], [ %j1, %first ]
  %box = call ptr @malloc(i64 8)
  store ptr null, ptr %box
  %j1 = add i32 %j, 1
  %cj = icmp slt i32 %j1, %m
  br i1 %cj, label %first, label %second
second:
  %i = phi i32 [ 0, %first ], [ %i1, %second.latch ]
  %prev = load ptr, ptr %box
  %node = call ptr @malloc(i64 16)
  store i32 %i, ptr %node
  %isnull = icmp eq ptr %prev, null
  br i1 %isnull, label %second.latch, label %read
read:
  %pv = load i32, ptr %prev
  call void @use_i32(i32 %pv)
  br label %second.latch
second.latch:
  store ptr %node, ptr %box
  %i1 = add i32 %i, 1
  %ci = icmp slt i32 %i1, %n
  br i1 %ci, label %second, label %exit
exit:
  ret void
}
