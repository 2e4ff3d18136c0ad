; One definition of "may recurse" (stack.c), after LLVM's call graph with a
; node OUT for code the pass cannot see: heap2stack-guard publishes it on
; every function as "heap2stack.recurses" (0: no; 1: may recurse, through
; OUT; 2: on a cycle of direct calls), and functions that may recurse get
; the inlining guard "inline-max-stacksize". Each case has a near miss.
; RUN: %opt-h2s -passes=heap2stack-guard -S %s | FileCheck %s
; unseen-recursion=0: declarations that are not library functions do not
; call back; library functions that run callbacks still do.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck --check-prefix=LAX %s

declare void @external(ptr)
declare void @quiet(ptr) nocallback
declare void @qsort(ptr, i64, i64, ptr)
declare i64 @strlen(ptr)
declare void @exit(i32) noreturn

@table = global [1 x ptr] [ptr @in_table]

; Visible outside and calls outside: outside code may call it back.
; CHECK-LABEL: define void @visible_calls_out(
; CHECK-SAME:    #[[MAY:[0-9]+]]
; LAX-LABEL: define void @visible_calls_out(
; LAX-SAME:    #[[LAXNO:[0-9]+]]
define void @visible_calls_out(ptr %p) {
  call void @external(ptr %p)
  ret void
}

; Near miss: internal and its address is not taken: nothing outside can
; call it.
; CHECK-LABEL: define internal void @internal_calls_out(
; CHECK-SAME:    #[[NO:[0-9]+]]
define internal void @internal_calls_out(ptr %p) {
  call void @external(ptr %p)
  ret void
}

; Near miss: the callee promises nocallback.
; CHECK-LABEL: define void @visible_calls_nocallback(
; CHECK-SAME:    #[[NO]]
define void @visible_calls_nocallback(ptr %p) {
  call void @quiet(ptr %p)
  ret void
}

; Near miss: a library function that calls nothing of ours.
; CHECK-LABEL: define i64 @visible_calls_strlen(
; CHECK-SAME:    #[[NO]]
define i64 @visible_calls_strlen(ptr %p) {
  %n = call i64 @strlen(ptr %p)
  ret i64 %n
}

; qsort runs a comparator held in a global table; the comparator is in a
; global initialiser (address taken) and calls back. Even with
; unseen-recursion=0.
; CHECK-LABEL: define internal void @sorts(
; CHECK-SAME:    #[[MAY]]
; LAX-LABEL: define internal void @sorts(
; LAX-SAME:    #[[LAXMAY:[0-9]+]]
define internal void @sorts(ptr %p) {
  %f = load ptr, ptr @table
  call void @qsort(ptr %p, i64 2, i64 4, ptr %f)
  ret void
}
; CHECK-LABEL: define internal i32 @in_table(
; CHECK-SAME:    #[[MAY]]
define internal i32 @in_table(ptr %a, ptr %b) {
  call void @sorts(ptr %a)
  ret i32 0
}

; exit runs atexit handlers: a handler registered by address may call back.
; CHECK-LABEL: define internal void @handler(
; CHECK-SAME:    #[[MAY]]
define internal void @handler() {
  call void @leaves(i32 1)
  ret void
}
define internal void @leaves(i32 %c) {
  call void @external(ptr @handler)
  call void @exit(i32 %c)
  ret void
}

; main is entered once, by the C runtime: calling outside does not make it
; recursive.
; CHECK-LABEL: define i32 @main(
; CHECK-SAME:    #[[NO]]
define i32 @main() {
  call void @internal_calls_out(ptr null)
  ret i32 0
}

; Near miss: a call through a pointer goes to OUT, but nothing outside can
; reach this internal function.
; CHECK-LABEL: define internal void @calls_pointer(
; CHECK-SAME:    #[[NO]]
define internal void @calls_pointer(ptr %f) {
  call void %f()
  ret void
}

; A cycle of direct calls: recursive (2), whatever OUT does.
; CHECK-LABEL: define internal void @self(
; CHECK-SAME:    #[[REC:[0-9]+]]
define internal void @self(i32 %n) {
  call void @self(i32 %n)
  ret void
}

; A call to a weak definition may run another body, which may call back.
; CHECK-LABEL: define void @calls_weak(
; CHECK-SAME:    #[[MAY]]
define void @calls_weak() {
  call void @weak_body()
  ret void
}
define weak void @weak_body() {
  ret void
}

; CHECK-DAG: attributes #[[NO]] = { "heap2stack.recurses"="0" }
; CHECK-DAG: attributes #[[MAY]] = { "heap2stack.recurses"="1" "inline-max-stacksize"="128" }
; CHECK-DAG: attributes #[[REC]] = { "heap2stack.recurses"="2" "inline-max-stacksize"="128" }
; LAX-DAG: attributes #[[LAXNO]] = { {{.*}}"heap2stack.recurses"="0"
; LAX-DAG: attributes #[[LAXMAY]] = { {{.*}}"heap2stack.recurses"="1"
