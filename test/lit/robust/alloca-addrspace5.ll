; A target whose allocas live in address space 5 (AMDGPU's datalayout): a
; promoted object's alloca must be created in that address space and cast
; back to the generic pointer type the uses expect, or the pass must leave the
; object alone. Either way the result verifies.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s

target datalayout = "e-p:64:64-p1:64:64-p2:32:32-p3:32:32-p4:64:64-p5:32:32-p6:32:32-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-v256:256-v512:512-v1024:1024-v2048:2048-n32:64-S32-A5-G1-ni:7"

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define i32 @local_with_as5_allocas(
; CHECK:         ret i32
define i32 @local_with_as5_allocas() {
  %p = call ptr @malloc(i64 16)
  store i32 3, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}
