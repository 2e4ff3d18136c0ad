; Non-zero address spaces: allocators returning addrspace(1) pointers,
; addrspacecasts of promoted pointers, a datalayout with a non-zero alloca
; address space, and stores of generic pointers into addrspace(3) memory.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='inferattrs,heap2stack' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr addrspace(1) @as1_alloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="as1"
declare void @as1_free(ptr addrspace(1)) allockind("free") "alloc-family"="as1"

@g3 = addrspace(3) global ptr null

; An allocation in another address space is left alone.
; CHECK-LABEL: define i32 @alloc_in_addrspace1(
; CHECK:         call ptr addrspace(1) @as1_alloc(i64 8)
define i32 @alloc_in_addrspace1() {
  %p = call ptr addrspace(1) @as1_alloc(i64 8)
  store i32 1, ptr addrspace(1) %p
  %v = load i32, ptr addrspace(1) %p
  call void @as1_free(ptr addrspace(1) %p)
  ret i32 %v
}

; A malloc'd pointer cast to addrspace(1) and used there: the cast is a copy.
; CHECK-LABEL: define i32 @addrspacecast_local(
define i32 @addrspacecast_local() {
  %p = call ptr @malloc(i64 8)
  %q = addrspacecast ptr %p to ptr addrspace(1)
  store i32 2, ptr addrspace(1) %q
  %v = load i32, ptr addrspace(1) %q
  call void @free(ptr %p)
  ret i32 %v
}

; Stored into an addrspace(3) global: escapes.
; CHECK-LABEL: define void @stored_to_as3_global(
; CHECK:         call ptr @malloc(i64 8)
define void @stored_to_as3_global() {
  %p = call ptr @malloc(i64 8)
  store ptr %p, ptr addrspace(3) @g3
  ret void
}

; Cast to addrspace(1) and back, then returned: escapes.
; CHECK-LABEL: define ptr @round_trip_returned(
; CHECK:         call ptr @malloc(i64 8)
define ptr @round_trip_returned() {
  %p = call ptr @malloc(i64 8)
  %q = addrspacecast ptr %p to ptr addrspace(1)
  %r = addrspacecast ptr addrspace(1) %q to ptr
  ret ptr %r
}
