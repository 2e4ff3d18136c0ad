; Allocators the user declares in pipeline text:
; alloc=NAME:size=I[:count=I][:zeroed][:align=N][:free=FREE]. Their
; allocations move like malloc's, their frees go with them, zeroing ones are
; cleared at the original site, the declared alignment (or a larger `align`
; on the call) is kept. Without the option the same calls are unknown
; functions; a declared name that is defined in the module is the user's
; own code, not an allocation.
; RUN: %opt-h2s -passes='heap2stack<alloc=pool_alloc:size=0:free=pool_free;alloc=pool_zalloc:size=1:count=0:zeroed:align=64:free=pool_free;alloc=arena_new:size=1;alloc=my_defined_alloc:size=0;alloc=few_args:size=3;alloc=ptr_size:size=0;unseen-recursion=0>' -S %s | FileCheck --check-prefixes=CHECK,DECLARED %s
; RUN: %opt-h2s -passes='heap2stack<alloc=pool_alloc:size=0:free=pool_free;alloc=pool_zalloc:size=1:count=0:zeroed:align=64:free=pool_free;alloc=arena_new:size=1;alloc=my_defined_alloc:size=0;alloc=few_args:size=3;alloc=ptr_size:size=0;unseen-recursion=0>' -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck --check-prefixes=CHECK,UNDECLARED %s
; RUN: %opt-h2s -passes='function(heap2stack<alloc=pool_alloc:size=0:free=pool_free;unseen-recursion=0>)' -S %s | FileCheck --check-prefix=FUNCTION %s

declare ptr @pool_alloc(i64)
declare ptr @pool_zalloc(i32, i64)
declare void @pool_free(ptr)
declare ptr @arena_new(ptr, i64)
declare ptr @arena_default()
declare ptr @few_args(i64)
declare ptr @ptr_size(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; REMARK: remark: <unknown>:0:0: pool_alloc(24) does not escape: moved to stack; removed 1 free(s)
; CHECK-LABEL:     define void @pool_alloc_promoted(
; DECLARED:          %p.h2s = alloca [24 x i8], align 16
; DECLARED-NOT:      call ptr @pool_alloc
; DECLARED-NOT:      call void @pool_free
; UNDECLARED-NOT:    alloca [
; UNDECLARED:        %p = call ptr @pool_alloc(i64 24)
; FUNCTION-LABEL:  define void @pool_alloc_promoted(
; FUNCTION:          %p.h2s = alloca [24 x i8], align 16
define void @pool_alloc_promoted() {
  %p = call ptr @pool_alloc(i64 24)
  call void @use(ptr %p)
  call void @pool_free(ptr %p)
  ret void
}

; Near miss: published.
; REMARK: remark: <unknown>:0:0: pool_alloc(24) escapes to heap: stored to global
; CHECK-LABEL:     define void @pool_alloc_escapes(
; CHECK-NOT:         alloca [
; CHECK:             %p = call ptr @pool_alloc(i64 24)
define void @pool_alloc_escapes() {
  %p = call ptr @pool_alloc(i64 24)
  store ptr %p, ptr @g
  ret void
}

; A larger alignment on the call wins over the declared one.
; CHECK-LABEL:     define void @pool_alloc_call_alignment_kept(
; DECLARED:          %p.h2s = alloca [24 x i8], align 128
define void @pool_alloc_call_alignment_kept() {
  %p = call align 128 ptr @pool_alloc(i64 24)
  call void @use(ptr %p)
  call void @pool_free(ptr %p)
  ret void
}

; zeroed, align=64, count and size: 3 * 8 bytes, cleared at the site.
; REMARK: remark: <unknown>:0:0: pool_zalloc(24) does not escape: moved to stack; removed 1 free(s)
; CHECK-LABEL:     define void @pool_zalloc_zeroed_aligned(
; DECLARED:          %p.h2s = alloca [24 x i8], align 64
; DECLARED:          call void @llvm.lifetime.start.p0(ptr %p.h2s)
; DECLARED-NEXT:     call void @llvm.memset.p0.i64(ptr align 64 %p.h2s, i8 0, i64 24, i1 false)
; DECLARED-NOT:      call ptr @pool_zalloc
define void @pool_zalloc_zeroed_aligned() {
  %p = call ptr @pool_zalloc(i32 3, i64 8)
  call void @use(ptr %p)
  call void @pool_free(ptr %p)
  ret void
}

; A variable count: the small buffer, zeroed and aligned too.
; REMARK: remark: <unknown>:0:0: pool_zalloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s)
; CHECK-LABEL:     define void @pool_zalloc_variable_count(
; DECLARED:          %p.h2s = alloca [32 x i8], align 64
; DECLARED:          %h2s.count = zext i32 %c to i64
; DECLARED:          call void @llvm.memset.p0.i64(ptr align 64 %p.h2s, i8 0, i64 %h2s.zero, i1 false)
; DECLARED:          call void @pool_free(ptr %h2s.p)
define void @pool_zalloc_variable_count(i32 %c) {
  %p = call ptr @pool_zalloc(i32 %c, i64 8)
  call void @use(ptr %p)
  call void @pool_free(ptr %p)
  ret void
}

; No free function (collected memory): nothing to remove, only escape
; matters. The size is argument 1.
; REMARK: remark: <unknown>:0:0: arena_new(40) does not escape: moved to stack{{$}}
; CHECK-LABEL:     define void @arena_new_no_free(
; DECLARED:          %p.h2s = alloca [40 x i8], align 16
; DECLARED-NOT:      call ptr @arena_new
define void @arena_new_no_free() {
  %a = call ptr @arena_default()
  %p = call ptr @arena_new(ptr %a, i64 40)
  call void @use(ptr %p)
  ret void
}

; Near miss: the declared free also receives memory of unknown origin, so
; the free cannot go and the object stays.
; CHECK-LABEL:     define void @pool_free_ambiguous(
; CHECK-NOT:         alloca [
; CHECK:             %p = call ptr @pool_alloc(i64 24)
define void @pool_free_ambiguous(i1 %c, ptr %other) {
  %p = call ptr @pool_alloc(i64 24)
  call void @use(ptr %p)
  %q = select i1 %c, ptr %p, ptr %other
  call void @pool_free(ptr %q)
  ret void
}

; A declared name that is defined here is the user's code: not an allocator.
; CHECK-LABEL:     define void @defined_function_not_an_allocator(
; CHECK-NOT:         alloca [
; CHECK:             %p = call ptr @my_defined_alloc(i64 16)
define void @defined_function_not_an_allocator() {
  %p = call ptr @my_defined_alloc(i64 16)
  call void @use(ptr %p)
  ret void
}

define ptr @my_defined_alloc(i64 %n) {
  %p = call ptr @pool_alloc(i64 %n)
  store ptr %p, ptr @g
  ret ptr %p
}

; A spec that does not fit the call (no argument 3, a size that is not an
; integer) leaves the call alone: no allocation, no crash.
; CHECK-LABEL:     define void @spec_does_not_fit_call(
; CHECK-NOT:         alloca [
; CHECK:             %p = call ptr @few_args(i64 16)
; CHECK:             %q = call ptr @ptr_size(ptr %p)
define void @spec_does_not_fit_call() {
  %p = call ptr @few_args(i64 16)
  %q = call ptr @ptr_size(ptr %p)
  call void @use(ptr %q)
  ret void
}
