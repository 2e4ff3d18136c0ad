; Reach paths in summaries (issue 16, DESIGN.md "Fields"): a helper that
; walks a list from its parameter and writes no memory says which bytes of
; every node it reaches go to its result ("f*<off>+<size>=<derefs>"). The
; caller reads that range of every object reachable from its argument, when
; each pointer stored in them is an allocation's start. Near misses: a
; walker that writes memory, a node linked through a pointer into the middle
; of another node, and a node written at an unknown offset keep the
; field-insensitive summary or fall back, and the nodes escape.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s

%node = type { i32, ptr }

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define internal i32 @sum_list(
; CHECK-SAME:    "heap2stack.leaks"="f*0+4=0"
define internal i32 @sum_list(ptr %p) noinline {
entry:
  br label %loop
loop:
  %n = phi ptr [ %p, %entry ], [ %nx, %loop ]
  %s = phi i32 [ 0, %entry ], [ %s1, %loop ]
  %v = load i32, ptr %n
  %s1 = add i32 %s, %v
  %a = getelementptr inbounds %node, ptr %n, i64 0, i32 1
  %nx = load ptr, ptr %a
  %z = icmp eq ptr %nx, null
  br i1 %z, label %done, label %loop
done:
  ret i32 %s1
}

; CHECK-LABEL: define i32 @list_summed_promoted(
; CHECK-NOT:     call ptr @malloc
define i32 @list_summed_promoted(i32 %k) {
  %c = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  %a = call ptr @malloc(i64 16)
  store i32 %k, ptr %c
  %cn = getelementptr inbounds %node, ptr %c, i64 0, i32 1
  store ptr null, ptr %cn
  store i32 %k, ptr %b
  %bn = getelementptr inbounds %node, ptr %b, i64 0, i32 1
  store ptr %c, ptr %bn
  store i32 %k, ptr %a
  %an = getelementptr inbounds %node, ptr %a, i64 0, i32 1
  store ptr %b, ptr %an
  %s = call i32 @sum_list(ptr %a)
  call void @free(ptr %a)
  call void @free(ptr %b)
  call void @free(ptr %c)
  ret i32 %s
}

; b's next points 8 bytes into c: the walker would read c's pointer bytes
; as a count. The read falls back: c escapes (returned).
; CHECK-LABEL: define i32 @list_with_inner_pointer_escapes(
; CHECK:         %c = call ptr @malloc(i64 16)
define i32 @list_with_inner_pointer_escapes(i32 %k) {
  %c = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  %a = call ptr @malloc(i64 16)
  %cn = getelementptr inbounds %node, ptr %c, i64 0, i32 1
  store ptr %c, ptr %cn
  store i32 %k, ptr %b
  %bn = getelementptr inbounds %node, ptr %b, i64 0, i32 1
  %inner = getelementptr inbounds i8, ptr %c, i64 8
  store ptr %inner, ptr %bn
  store i32 %k, ptr %a
  %an = getelementptr inbounds %node, ptr %a, i64 0, i32 1
  store ptr %b, ptr %an
  %s = call i32 @sum_list(ptr %a)
  ret i32 %s
}

; The head written at an unknown offset (through a select): its contents
; may be anything, the read falls back and the next node escapes.
; CHECK-LABEL: define i32 @list_head_written_whole_escapes(
; CHECK:         %b = call ptr @malloc(i64 16)
define i32 @list_head_written_whole_escapes(i32 %k, i1 %w) {
  %b = call ptr @malloc(i64 16)
  %a = call ptr @malloc(i64 16)
  %bn = getelementptr inbounds %node, ptr %b, i64 0, i32 1
  store ptr %b, ptr %bn
  %an = getelementptr inbounds %node, ptr %a, i64 0, i32 1
  %at = select i1 %w, ptr %a, ptr %an
  store ptr %b, ptr %at
  %s = call i32 @sum_list(ptr %a)
  ret i32 %s
}

; A walker that also writes (it counts visits in each node): no reach path.
; CHECK-LABEL: define internal i32 @sum_and_mark(
; CHECK-SAME:    "heap2stack.leaks"="res0=1"
define internal i32 @sum_and_mark(ptr %p) noinline {
entry:
  br label %loop
loop:
  %n = phi ptr [ %p, %entry ], [ %nx, %loop ]
  %s = phi i32 [ 0, %entry ], [ %s1, %loop ]
  %v = load i32, ptr %n
  %s1 = add i32 %s, %v
  store i32 0, ptr %n
  %a = getelementptr inbounds %node, ptr %n, i64 0, i32 1
  %nx = load ptr, ptr %a
  %z = icmp eq ptr %nx, null
  br i1 %z, label %done, label %loop
done:
  ret i32 %s1
}

; CHECK-LABEL: define i32 @list_marked_escapes(
; CHECK:         %b = call ptr @malloc(i64 16)
define i32 @list_marked_escapes(i32 %k) {
  %b = call ptr @malloc(i64 16)
  %a = call ptr @malloc(i64 16)
  store i32 %k, ptr %b
  %bn = getelementptr inbounds %node, ptr %b, i64 0, i32 1
  store ptr null, ptr %bn
  store i32 %k, ptr %a
  %an = getelementptr inbounds %node, ptr %a, i64 0, i32 1
  store ptr %b, ptr %an
  %s = call i32 @sum_and_mark(ptr %a)
  ret i32 %s
}
