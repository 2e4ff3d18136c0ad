; The per-function stack budget (max-function-bytes, default 32768): each
; promoted object costs its size plus its alignment, counted in program
; order; an object that would go over stays on the heap with a Missed
; Budget remark naming the limit. Objects that stay for other reasons cost
; nothing, and each function has its own budget.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck --check-prefixes=CHECK,DEFAULT %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes='heap2stack<max-function-bytes=200;unseen-recursion=0>' -S %s | FileCheck --check-prefixes=CHECK,SMALL %s
; RUN: %opt-h2s -passes='heap2stack<max-function-bytes=200;unseen-recursion=0>' -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=SMALL-REMARK %s
; RUN: %opt-h2s -passes='heap2stack<max-function-bytes=0;unseen-recursion=0>' -S %s | FileCheck --check-prefix=NONE %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -disable-output -pass-remarks-output=%t.yaml %s
; RUN: FileCheck --check-prefix=YAML %s < %t.yaml

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; Three 15000-byte objects: 2 * (15000 + 16) fits in 32768, a third does not.
; REMARK: remark: <unknown>:0:0: malloc(15000) stays on heap: over the function's stack budget (max-function-bytes 32768)
; YAML:      --- !Missed
; YAML-NEXT: Pass:            heap2stack
; YAML-NEXT: Name:            Budget
; YAML-NEXT: Function:        three_15k_third_over_budget
; YAML:        - Reason:          'over the function''s stack budget'
; YAML:        - Option:          max-function-bytes
; YAML:        - Limit:           '32768'
; CHECK-LABEL:   define void @three_15k_third_over_budget(
; DEFAULT-DAG:     %a.h2s = alloca [15000 x i8], align 16
; DEFAULT-DAG:     %b.h2s = alloca [15000 x i8], align 16
; DEFAULT-NOT:     %c.h2s = alloca
; DEFAULT:         %c = call ptr @malloc(i64 15000)
; DEFAULT:         call void @free(ptr %c)
; NONE-LABEL:    define void @three_15k_third_over_budget(
; NONE-NOT:        alloca [
define void @three_15k_third_over_budget() {
  %a = call ptr @malloc(i64 15000)
  %b = call ptr @malloc(i64 15000)
  %c = call ptr @malloc(i64 15000)
  call void @use(ptr %a)
  call void @use(ptr %b)
  call void @use(ptr %c)
  call void @free(ptr %a)
  call void @free(ptr %b)
  call void @free(ptr %c)
  ret void
}

; Near miss: the first one escapes, so it costs nothing, and the other two fit.
; CHECK-LABEL:   define void @escaping_object_costs_nothing(
; DEFAULT-DAG:     %b.h2s = alloca [15000 x i8], align 16
; DEFAULT-DAG:     %c.h2s = alloca [15000 x i8], align 16
; DEFAULT:         %a = call ptr @malloc(i64 15000)
define void @escaping_object_costs_nothing() {
  %a = call ptr @malloc(i64 15000)
  store ptr %a, ptr @g
  %b = call ptr @malloc(i64 15000)
  %c = call ptr @malloc(i64 15000)
  call void @use(ptr %b)
  call void @use(ptr %c)
  call void @free(ptr %b)
  call void @free(ptr %c)
  ret void
}

; Each function has its own budget.
; CHECK-LABEL:   define void @one_15k_in_another_function(
; DEFAULT:         %a.h2s = alloca [15000 x i8], align 16
define void @one_15k_in_another_function() {
  %a = call ptr @malloc(i64 15000)
  call void @use(ptr %a)
  call void @free(ptr %a)
  ret void
}

; With max-function-bytes=200: 64 + 16 and then 100 + 16 fit (196), the
; third (8 + 16) does not; the objects are counted in program order.
; SMALL-REMARK: remark: <unknown>:0:0: malloc(8) stays on heap: over the function's stack budget (max-function-bytes 200)
; CHECK-LABEL:   define void @small_budget_program_order(
; SMALL-DAG:       %a.h2s = alloca [64 x i8], align 16
; SMALL-DAG:       %b.h2s = alloca [100 x i8], align 16
; SMALL:           %c = call ptr @malloc(i64 8)
; DEFAULT-DAG:     %c.h2s = alloca [8 x i8], align 16
define void @small_budget_program_order() {
  %a = call ptr @malloc(i64 64)
  %b = call ptr @malloc(i64 100)
  %c = call ptr @malloc(i64 8)
  call void @use(ptr %a)
  call void @use(ptr %b)
  call void @use(ptr %c)
  call void @free(ptr %a)
  call void @free(ptr %b)
  call void @free(ptr %c)
  ret void
}

; A variable-size allocation's small buffer costs K + alignment (32 + 16).
; With max-function-bytes=200: 150 + 16, then the buffer's 48 is over.
; SMALL-REMARK: remark: <unknown>:0:0: malloc(n) stays on heap: over the function's stack budget (max-function-bytes 200)
; CHECK-LABEL:   define void @small_buffer_counts_against_budget(
; DEFAULT:         %v.h2s = alloca [32 x i8], align 16
; SMALL:           %a.h2s = alloca [150 x i8], align 16
; SMALL-NOT:       %v.h2s = alloca
; SMALL:           %v = call ptr @malloc(i64 %n)
define void @small_buffer_counts_against_budget(i64 %n) {
  %a = call ptr @malloc(i64 150)
  %v = call ptr @malloc(i64 %n)
  call void @use(ptr %a)
  call void @use(ptr %v)
  call void @free(ptr %a)
  call void @free(ptr %v)
  ret void
}
