; heap2stack is usable at module, CGSCC and function level in opt's
; pipeline text, inside larger pipelines, and with options; the printed
; pipeline names it.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes='inferattrs,heap2stack' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='module(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='function(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='function(sroa,heap2stack,sroa)' -S %s | FileCheck %s --check-prefix=SROA
; RUN: %opt-h2s -passes='cgscc(heap2stack,function(sroa,instcombine))' -S %s | FileCheck %s --check-prefix=SROA
; RUN: %opt-h2s -passes='heap2stack<max-size=8>' -S %s | FileCheck %s --check-prefix=SMALL
; RUN: %opt-h2s -passes='function(heap2stack<max-size=8>)' -S %s | FileCheck %s --check-prefix=SMALL
; RUN: %opt-h2s -passes='cgscc(heap2stack<max-size=8>)' -S %s | FileCheck %s --check-prefix=SMALL
; RUN: %opt-h2s -passes='heap2stack<max-size=8;small-buffer=0>' -S %s | FileCheck %s --check-prefix=SMALL
; RUN: %opt-h2s -passes='inferattrs,heap2stack' -print-pipeline-passes -disable-output %s | FileCheck %s --check-prefix=PRINT-MODULE
; RUN: %opt-h2s -passes='function(heap2stack)' -print-pipeline-passes -disable-output %s | FileCheck %s --check-prefix=PRINT-FUNCTION
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -print-pipeline-passes -disable-output %s | FileCheck %s --check-prefix=PRINT-CGSCC
; -print-after knows the pass by its pipeline name.
; RUN: %opt-h2s -passes='function(heap2stack)' -print-after=heap2stack -disable-output %s 2>&1 | FileCheck %s --check-prefix=AFTER
; RUN: %opt-h2s -passes=heap2stack -print-after=heap2stack -disable-output %s 2>&1 | FileCheck %s --check-prefix=AFTER

; PRINT-MODULE:   inferattrs,heap2stack
; PRINT-FUNCTION: function(heap2stack)
; PRINT-CGSCC:    cgscc(heap2stack)
; AFTER:          *** IR Dump After {{.*}}Heap2Stack{{.*}} ***
; AFTER:          %p.h2s = alloca [16 x i8], align 16

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define i32 @local(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
; SROA-LABEL:  define i32 @local(
; SROA-NOT:      alloca
; SROA-NOT:      call ptr @malloc
; SROA:          ret i32 7
; SMALL-LABEL: define i32 @local(
; SMALL:         call ptr @malloc(i64 16)
define i32 @local() {
  %p = call ptr @malloc(i64 16)
  store i32 7, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}
