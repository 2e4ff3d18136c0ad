; Field paths in summaries (issue 16, DESIGN.md "Fields"): a helper that
; loads at known ranges of what its parameter points to says which bytes
; reach its result ("f<off>+<size>=<derefs>"), and a caller reads only the
; fields of its object that overlap them. Near misses: a helper returning
; the pointer field, a recursive helper (its parameter is also fed by its
; own call) and a helper that reads at a variable offset keep the
; field-insensitive summary, and the caller's object escapes.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s

%rec = type { i32, ptr }

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define internal i32 @count_of(
; CHECK-SAME:    "heap2stack.leaks"="f0+4=0"
define internal i32 @count_of(ptr %r) noinline {
  %c = load i32, ptr %r
  ret i32 %c
}

; CHECK-LABEL: define i32 @count_through_helper_promoted(
; CHECK-NOT:     call ptr @malloc
define i32 @count_through_helper_promoted(i32 %n) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %v = call i32 @count_of(ptr %a)
  call void @free(ptr %a)
  ret i32 %v
}

; CHECK-LABEL: define internal ptr @next_of(
; CHECK-SAME:    "heap2stack.leaks"="f8+8=0"
define internal ptr @next_of(ptr %r) noinline {
  %p = getelementptr inbounds %rec, ptr %r, i64 0, i32 1
  %n = load ptr, ptr %p
  ret ptr %n
}

; CHECK-LABEL: define ptr @next_through_helper_escapes(
; CHECK:         call ptr @malloc(i64 16)
define ptr @next_through_helper_escapes(i32 %n) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %v = call ptr @next_of(ptr %a)
  ret ptr %v
}

; CHECK-LABEL: define internal i32 @count_rec(
; CHECK-SAME:    "heap2stack.leaks"="res0=1"
define internal i32 @count_rec(ptr %r, i32 %d) noinline {
  %c = load i32, ptr %r
  %z = icmp eq i32 %d, 0
  br i1 %z, label %done, label %more
more:
  %d1 = sub i32 %d, 1
  %x = call i32 @count_rec(ptr %r, i32 %d1)
  ret i32 %x
done:
  ret i32 %c
}

; CHECK-LABEL: define i32 @recursive_helper_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i32 @recursive_helper_escapes(i32 %n) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %v = call i32 @count_rec(ptr %a, i32 2)
  call void @free(ptr %a)
  ret i32 %v
}

; CHECK-LABEL: define internal i32 @word_at(
; CHECK-SAME:    "heap2stack.leaks"="f0%4+4=0"
define internal i32 @word_at(ptr %r, i64 %k) noinline {
  %p = getelementptr inbounds i32, ptr %r, i64 %k
  %w = load i32, ptr %p
  ret i32 %w
}

; CHECK-LABEL: define i32 @variable_offset_helper_escapes(
; CHECK:         call ptr @malloc(i64 16)
define i32 @variable_offset_helper_escapes(i32 %n, i64 %k) {
  %a = call ptr @malloc(i64 16)
  store i32 %n, ptr %a
  %next = getelementptr inbounds %rec, ptr %a, i64 0, i32 1
  store ptr %a, ptr %next
  %v = call i32 @word_at(ptr %a, i64 %k)
  call void @free(ptr %a)
  ret i32 %v
}
