; indirectbr and blockaddress: the pass must not split or rewrite blocks in a
; way that breaks blockaddress users, and a pointer that reaches an
; indirectbr-driven loop stays valid.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)

@targets = constant [2 x ptr] [ptr blockaddress(@dispatch, %one), ptr blockaddress(@dispatch, %two)]

; CHECK-LABEL: define i64 @dispatch(
; CHECK:         indirectbr ptr
define i64 @dispatch(i64 %k) {
entry:
  %p = call ptr @malloc(i64 8)
  store i64 0, ptr %p
  %slot = getelementptr [2 x ptr], ptr @targets, i64 0, i64 %k
  %t = load ptr, ptr %slot
  indirectbr ptr %t, [label %one, label %two]
one:
  store i64 1, ptr %p
  br label %done
two:
  %c = call ptr @malloc(i64 8)
  store i64 2, ptr %c
  %cv = load i64, ptr %c
  call void @free(ptr %c)
  store i64 %cv, ptr %p
  br label %done
done:
  %v = load i64, ptr %p
  call void @free(ptr %p)
  ret i64 %v
}

; The allocation is the operand of an indirectbr loop's state.
; CHECK-LABEL: define i64 @indirect_loop(
define i64 @indirect_loop(ptr %t0, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %q = call ptr @malloc(i64 8)
  store i64 %i, ptr %q
  %v = load i64, ptr %q
  call void @free(ptr %q)
  %i1 = add i64 %v, 1
  %more = icmp ult i64 %i1, %n
  %dst = select i1 %more, ptr blockaddress(@indirect_loop, %loop), ptr blockaddress(@indirect_loop, %exit)
  indirectbr ptr %dst, [label %loop, label %exit]
exit:
  ret i64 %i1
}
