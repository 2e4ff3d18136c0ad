; Irreducible control flow: a cycle with two entries. The pass must not crash,
; must keep the IR valid, and must not reuse one stack slot for objects that
; live across iterations of an irreducible cycle.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)

; A node allocated in the irreducible cycle and linked to the previous one
; outlives its iteration: it stays on the heap.
; CHECK-LABEL: define i64 @irreducible_list_stays(
; CHECK:         call ptr @malloc(i64 16)
define i64 @irreducible_list_stays(i1 %c, i64 %n) {
entry:
  br i1 %c, label %a, label %b
a:
  %ha = phi ptr [ null, %entry ], [ %node, %b ]
  %ia = phi i64 [ 0, %entry ], [ %ib.next, %b ]
  br label %b
b:
  %hb = phi ptr [ null, %entry ], [ %ha, %a ]
  %ib = phi i64 [ 0, %entry ], [ %ia, %a ]
  %node = call ptr @malloc(i64 16)
  store ptr %hb, ptr %node
  %ib.next = add i64 %ib, 1
  %more = icmp ult i64 %ib.next, %n
  br i1 %more, label %a, label %exit
exit:
  %v = ptrtoint ptr %node to i64
  %cmp = icmp ne i64 %v, 0
  %r = zext i1 %cmp to i64
  ret i64 %r
}

; A scratch object used and freed within one pass through the irreducible
; cycle: whatever the verdict, the result must verify.
; CHECK-LABEL: define i64 @irreducible_scratch(
define i64 @irreducible_scratch(i1 %c, i64 %n) {
entry:
  br i1 %c, label %a, label %b
a:
  %ia = phi i64 [ 0, %entry ], [ %i.next, %b ]
  br label %b
b:
  %ib = phi i64 [ 0, %entry ], [ %ia, %a ]
  %p = call ptr @malloc(i64 8)
  store i64 %ib, ptr %p
  %v = load i64, ptr %p
  call void @free(ptr %p)
  %i.next = add i64 %v, 1
  %more = icmp ult i64 %i.next, %n
  br i1 %more, label %a, label %exit
exit:
  ret i64 %i.next
}
