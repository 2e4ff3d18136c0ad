; optnone functions are never changed (nothing in them moves), but they are
; still analysed, so their callers get their summaries.
; RUN: %opt-h2s -passes=heap2stack -pass-remarks-missed=heap2stack -S %s 2>&1 | FileCheck %s

declare noalias ptr @malloc(i64)
declare void @free(ptr)

; CHECK: remark: {{.*}}malloc(16) stays on heap: function is optnone
; CHECK-LABEL: define i32 @optnone_untouched(
; CHECK:         call ptr @malloc(i64 16)
define i32 @optnone_untouched() noinline optnone {
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}

; CHECK-LABEL: define i32 @optimised_neighbour_moves(
; CHECK:         alloca [16 x i8]
; CHECK-NOT:     call ptr @malloc
define i32 @optimised_neighbour_moves() {
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}
