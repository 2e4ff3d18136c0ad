; The function pass analyses one function at a time and uses the summaries
; callees already carry. A first module run that moves nothing (max-size=0)
; still publishes every summary, so the function pass then moves objects
; passed to helpers wherever the caller sits in the module. Without that run
; it only knows the helpers it has already visited (module order): a caller
; above its helper falls back to the helper's LLVM attributes.
; RUN: %opt-h2s -passes='heap2stack<max-size=0>,function(heap2stack)' -S %s | FileCheck --check-prefixes=CHECK,PUBLISHED %s
; RUN: %opt-h2s -passes='heap2stack<max-size=0>' -S %s -o %t.ll
; RUN: %opt-h2s -passes='function(heap2stack)' -S %t.ll | FileCheck --check-prefixes=CHECK,PUBLISHED %s
; RUN: %opt-h2s -passes='function(heap2stack)' -S %s | FileCheck --check-prefixes=CHECK,ORDER %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; CHECK-LABEL:  define void @caller_above_reader(
; PUBLISHED:      %p.h2s = alloca [16 x i8], align 16
; ORDER-NOT:      alloca [
; ORDER:          %p = call ptr @malloc(i64 16)
define void @caller_above_reader() {
  %p = call ptr @malloc(i64 16)
  call void @peek(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: above a keeper, it stays either way.
; CHECK-LABEL:  define void @caller_above_keeper(
; CHECK-NOT:      alloca [
; CHECK:          %p = call ptr @malloc(i64 16)
define void @caller_above_keeper() {
  %p = call ptr @malloc(i64 16)
  call void @keep(ptr %p)
  ret void
}

; CHECK-LABEL:  define void @peek(ptr
; CHECK-SAME:     "heap2stack.leaks"=
define void @peek(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}

; CHECK-LABEL:  define void @keep(ptr
; CHECK-SAME:     "heap2stack.leaks"="heap=0
define void @keep(ptr %p) noinline {
  store ptr %p, ptr @g
  ret void
}

; Below the helper, the function pass alone has its summary.
; CHECK-LABEL:  define void @caller_below_reader(
; CHECK:          %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:      call ptr @malloc
define void @caller_below_reader() {
  %p = call ptr @malloc(i64 16)
  call void @peek(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL:  define void @caller_below_keeper(
; CHECK-NOT:      alloca [
; CHECK:          %p = call ptr @malloc(i64 16)
define void @caller_below_keeper() {
  %p = call ptr @malloc(i64 16)
  call void @keep(ptr %p)
  ret void
}
