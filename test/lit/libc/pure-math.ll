; Library functions of numbers (libm's sqrt, log, pow...) that touch no
; memory but errno receive nothing that can leak: their arguments can only
; come back in the result (README "Library contracts"). Each object below
; holds its own address at offset 0, and the double loaded from there is
; that address's bits, so it carries the object.
; RUN: %opt-h2s -passes=heap2stack -pass-remarks=heap2stack -pass-remarks-missed=heap2stack -disable-output %s 2>&1 | FileCheck %s
target triple = "x86_64-pc-linux-gnu"

declare ptr @malloc(i64)
declare void @free(ptr)
declare double @sqrt(double) #0
declare double @pow(double, double) #0
declare double @my_sqrt(double) #0
declare double @strtod(ptr, ptr) #1

; CHECK: remark: <unknown>:0:0: malloc(16) does not escape: moved to stack
define void @sqrt_of_a_field_moves(double %x) {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %p
  %v = load double, ptr %p
  %r = call double @sqrt(double %v)
  store double %r, ptr %p
  call void @free(ptr %p)
  ret void
}

; The result carries what the arguments carried.
; CHECK: remark: <unknown>:0:0: malloc(16) escapes to heap: returned
define double @pow_result_returned_escapes(double %x) {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %p
  %v = load double, ptr %p
  %r = call double @pow(double %v, double 2.0)
  call void @free(ptr %p)
  ret double %r
}

; Same attributes, but not a library function TLI knows: no contract.
; CHECK: remark: <unknown>:0:0: malloc(16) escapes to heap: passed to unknown function my_sqrt
define void @unknown_errno_function_escapes(double %x) {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %p
  %v = load double, ptr %p
  %r = call double @my_sqrt(double %v)
  store double %r, ptr %p
  call void @free(ptr %p)
  ret void
}

; A library function that takes a pointer is judged by its attributes.
; CHECK: remark: <unknown>:0:0: malloc(16) escapes to heap: passed to unknown function strtod
define void @library_function_with_pointers_escapes(double %x) {
  %p = call ptr @malloc(i64 16)
  %q = getelementptr i8, ptr %p, i64 8
  store ptr %p, ptr %q
  %r = call double @strtod(ptr %p, ptr %q)
  store double %r, ptr %p
  call void @free(ptr %p)
  ret void
}

attributes #0 = { nounwind willreturn memory(errnomem: write) }
attributes #1 = { nounwind willreturn }
