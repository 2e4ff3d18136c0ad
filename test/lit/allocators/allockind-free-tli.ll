; A free declared with allockind("free") but no allocptr parameter: LLVM's
; getFreedOperand knows free(p) by TargetLibraryInfo first, and so does
; heap2stack: the object moves and its free goes. A function TLI does not
; know, with the same attributes, is an unknown function; with allocptr it
; frees the marked argument. Without free in TLI (-disable-builtin=free, as
; clang's -fno-builtin-free) the attributes alone do not say what is freed.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck --check-prefixes=CHECK,TLI %s
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes=heap2stack -disable-builtin=free -S %s | FileCheck --check-prefixes=CHECK,NOTLI %s

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr) allockind("free") "alloc-family"="malloc"
declare void @my_release(ptr) allockind("free") "alloc-family"="malloc"
declare void @my_release_marked(ptr, ptr allocptr) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; REMARK: remark: <unknown>:0:0: malloc(16) does not escape: moved to stack; removed 1 free(s)
; CHECK-LABEL:  define void @free_without_allocptr_recognised(
; TLI:            %p.h2s = alloca [16 x i8], align 16
; TLI-NOT:        call void @free
; NOTLI-NOT:      alloca [
; NOTLI:          call void @free(ptr %p)
define void @free_without_allocptr_recognised() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: a function TLI does not know, without allocptr: unknown.
; REMARK: remark: <unknown>:0:0: malloc(16) escapes to heap: passed to unknown function my_release
; CHECK-LABEL:  define void @unknown_release_without_allocptr_escapes(
; CHECK-NOT:      alloca [
; CHECK:          call void @my_release(ptr %p)
define void @unknown_release_without_allocptr_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @my_release(ptr %p)
  ret void
}

; allocptr on the second parameter: that argument is the block, the first
; an ordinary argument.
; REMARK: remark: <unknown>:0:0: malloc(16) does not escape: moved to stack; removed 1 free(s)
; CHECK-LABEL:  define void @allocptr_second_param_frees_it(
; CHECK:          %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:      call void @my_release_marked
define void @allocptr_second_param_frees_it(ptr %ctx) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @my_release_marked(ptr %ctx, ptr %p)
  ret void
}

; Near miss: the object in the unmarked position is not freed but handed
; to unknown code.
; REMARK: remark: <unknown>:0:0: malloc(16) escapes to heap: passed to unknown function my_release_marked
; CHECK-LABEL:  define void @allocptr_other_param_escapes(
; CHECK-NOT:      alloca [
; CHECK:          call void @my_release_marked(ptr %p, ptr %q)
define void @allocptr_other_param_escapes(ptr %q) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @my_release_marked(ptr %p, ptr %q)
  ret void
}
