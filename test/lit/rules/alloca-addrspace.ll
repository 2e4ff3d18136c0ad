; A target whose allocas live in address space 5 (datalayout A5, as on
; AMDGPU): an allocation in address space 5 could move, one in address
; space 0 may not (the slot would have the wrong type).
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

target datalayout = "A5"

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare ptr addrspace(5) @malloc5(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="as5"
declare void @free5(ptr addrspace(5) allocptr) allockind("free") "alloc-family"="as5"
declare void @use5(ptr addrspace(5) captures(none)) nofree nounwind memory(argmem: read)

; CHECK-LABEL: define void @generic_pointer_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @generic_pointer_not_touched() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @alloca_address_space_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16, addrspace(5)
; CHECK-NOT:     call ptr addrspace(5) @malloc5
define void @alloca_address_space_promoted() {
  %p = call ptr addrspace(5) @malloc5(i64 16)
  call void @use5(ptr addrspace(5) %p)
  call void @free5(ptr addrspace(5) %p)
  ret void
}
