; Cycles the direct call graph does not show must still count as recursion
; for max-size-recursive: a function that recurses through a function
; pointer (here one loaded from a global it is stored in), and, for the
; function pass, which sees one function at a time, a function in a cycle of
; direct calls. Promoting 4096 bytes per level turns a recursion that works
; on the heap into a stack overflow (see the runtime reproducer).
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck --check-prefix=INDIRECT %s
; RUN: %opt-h2s -passes='function(heap2stack)' -S %s | FileCheck --check-prefixes=INDIRECT,MUTUAL %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@next = global ptr @recurses_through_pointer

; INDIRECT-LABEL: define void @recurses_through_pointer(
; INDIRECT-NOT:     alloca [
; INDIRECT:         %a = call ptr @malloc(i64 4096)
define void @recurses_through_pointer(i32 %n) {
  %a = call ptr @malloc(i64 4096)
  call void @use(ptr %a)
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  %f = load ptr, ptr @next
  call void %f(i32 %m)
  br label %done
done:
  call void @free(ptr %a)
  ret void
}

; MUTUAL-LABEL: define void @mutual_a(
; MUTUAL-NOT:     alloca [
; MUTUAL:         %a = call ptr @malloc(i64 4096)
define void @mutual_a(i32 %n) {
  %a = call ptr @malloc(i64 4096)
  call void @use(ptr %a)
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @mutual_b(i32 %m)
  br label %done
done:
  call void @free(ptr %a)
  ret void
}

; MUTUAL-LABEL: define void @mutual_b(
; MUTUAL-NOT:     alloca [
; MUTUAL:         %b = call ptr @malloc(i64 4096)
define void @mutual_b(i32 %n) {
  %b = call ptr @malloc(i64 4096)
  call void @use(ptr %b)
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @mutual_a(i32 %m)
  br label %done
done:
  call void @free(ptr %b)
  ret void
}
