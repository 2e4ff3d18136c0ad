; Summaries must survive passes that add parameters. Argument promotion
; replaces a pointer parameter that is only read by the values loaded from
; it; when those are pointers, every later pointer parameter moves back one
; place. A re-run must not leave the old "heap2stack.out" mark next to a new
; one: here %out and %p would both claim result 3, the caller would read p's
; leak to result 3 as "stored into what p points to", and move an object the
; helper stores into a global.
; RUN: %opt-h2s -passes='heap2stack<max-size=0>,cgscc(argpromotion),heap2stack' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<max-size=0>,cgscc(argpromotion),function(heap2stack)' -S %s | FileCheck %s

declare ptr @malloc(i64)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; CHECK-LABEL: define void @promoted_pair_out_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @set_out(ptr %s.val, ptr %s.val1, ptr @g, ptr %p)
define void @promoted_pair_out_to_global_escapes() {
  %s = alloca { ptr, ptr }
  store ptr null, ptr %s
  %s1 = getelementptr i8, ptr %s, i64 8
  store ptr null, ptr %s1
  %p = call ptr @malloc(i64 16)
  call void @set_out(ptr %s, ptr @g, ptr %p)
  ret void
}

; No two parameters may claim the same result.
; CHECK-LABEL: define internal void @set_out(
; CHECK-NOT:     "heap2stack.out"="3" {{.*}}"heap2stack.out"="3"
; CHECK-SAME:    {
define internal void @set_out(ptr %s, ptr %out, ptr %p) noinline {
  %a = load ptr, ptr %s
  %bp = getelementptr i8, ptr %s, i64 8
  %b = load ptr, ptr %bp
  call void @use(ptr %a)
  call void @use(ptr %b)
  store ptr %p, ptr %out
  ret void
}
