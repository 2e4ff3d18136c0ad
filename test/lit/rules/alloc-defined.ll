; An allocator defined in the module (here malloc itself and an attributed
; custom allocator) is the user's code, with effects to keep: calls to it
; are ordinary calls, never moved.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

@heap = global [4096 x i8] zeroinitializer
@top = global i64 0

declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; CHECK-LABEL: define ptr @malloc(
define ptr @malloc(i64 %n) {
  %t = load i64, ptr @top
  %p = getelementptr i8, ptr @heap, i64 %t
  %t2 = add i64 %t, %n
  store i64 %t2, ptr @top
  ret ptr %p
}

define void @free(ptr %p) {
  ret void
}

; CHECK-LABEL: define ptr @bump(
define ptr @bump(i64 %n) allockind("alloc,uninitialized") allocsize(0) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define void @calls_defined_malloc_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @free(ptr %p)
define void @calls_defined_malloc_not_touched() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @calls_defined_attributed_allocator_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @bump(i64 16)
define void @calls_defined_attributed_allocator_not_touched() {
  %p = call ptr @bump(i64 16)
  call void @use(ptr %p)
  ret void
}
