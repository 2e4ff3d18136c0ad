; Functions and sites the rewrite leaves alone (Missed "Unsupported"):
; functions that call setjmp (returns_twice: a longjmp back may see the
; slot reused), coroutines before splitting (their frame is not the stack),
; and allocations whose result is in another address space than allocas.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare ptr addrspace(1) @malloc_as1(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="as1"
declare void @free_as1(ptr addrspace(1) allocptr) allockind("free") "alloc-family"="as1"
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @use_as1(ptr addrspace(1) captures(none)) nofree nounwind memory(argmem: read)
declare i32 @setjmp(ptr) returns_twice
declare i32 @not_setjmp(ptr captures(none)) nofree nounwind memory(argmem: readwrite)

; CHECK-LABEL: define i32 @setjmp_function_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @free(ptr %p)
define i32 @setjmp_function_not_touched(ptr %env) {
  %p = call ptr @malloc(i64 16)
  %r = call i32 @setjmp(ptr %env)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret i32 %r
}

; Near miss: the same function calling a normal function.
; CHECK-LABEL: define i32 @no_setjmp_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @no_setjmp_promoted(ptr %env) {
  %p = call ptr @malloc(i64 16)
  %r = call i32 @not_setjmp(ptr %env)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret i32 %r
}

; returns_twice at the call site only.
; CHECK-LABEL: define i32 @returns_twice_call_site_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define i32 @returns_twice_call_site_not_touched(ptr %env) {
  %p = call ptr @malloc(i64 16)
  %r = call i32 @not_setjmp(ptr %env) returns_twice
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret i32 %r
}

; A coroutine before CoroSplit.
; CHECK-LABEL: define void @presplit_coroutine_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @presplit_coroutine_not_touched() presplitcoroutine {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: not a coroutine.
; CHECK-LABEL: define void @plain_function_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
define void @plain_function_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; An allocator returning addrspace(1) memory, allocas in addrspace(0).
; CHECK-LABEL: define void @nonzero_address_space_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr addrspace(1) @malloc_as1(i64 16)
; CHECK:         call void @free_as1(ptr addrspace(1) %p)
define void @nonzero_address_space_not_touched() {
  %p = call ptr addrspace(1) @malloc_as1(i64 16)
  call void @use_as1(ptr addrspace(1) %p)
  call void @free_as1(ptr addrspace(1) %p)
  ret void
}

; Near miss: the same allocator family in address space 0.
declare ptr @malloc_as0(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="as0"
declare void @free_as0(ptr allocptr) allockind("free") "alloc-family"="as0"

; CHECK-LABEL: define void @address_space_zero_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc_as0
define void @address_space_zero_promoted() {
  %p = call ptr @malloc_as0(i64 16)
  call void @use(ptr %p)
  call void @free_as0(ptr %p)
  ret void
}
