; Go 1.25's small variable-size buffer (small-buffer=K, default 32): a
; non-escaping allocation whose size is only known at run time gets a K-byte
; entry-block buffer and `p = n <= K ? buf : malloc(n)`; each free that may
; receive it becomes `if (p != buf) free(p)`; calloc-like allocators zero
; only the bytes used, on every execution, and check count and size before
; multiplying. Not for invoke; small-buffer=0 turns it off.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes='heap2stack<small-buffer=0;unseen-recursion=0>' -S %s | FileCheck --check-prefix=OFF %s
; RUN: %opt-h2s -passes='heap2stack<small-buffer=0;unseen-recursion=0>' -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=OFF-REMARK %s
; RUN: %opt-h2s -passes='heap2stack<small-buffer=128;unseen-recursion=0>' -S %s | FileCheck --check-prefix=K128 %s
; RUN: %opt-h2s -passes='heap2stack<small-buffer=128;max-size=64;unseen-recursion=0>' -S %s | FileCheck --check-prefix=OVERMAX %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @aligned_alloc(i64, i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare ptr @_Znam(i64)
declare void @_ZdaPv(ptr)
declare i32 @__gxx_personality_v0(...)

@g = global ptr null

; REMARK: remark: <unknown>:0:0: malloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s)
; OFF-REMARK: remark: <unknown>:0:0: malloc(n) stays on heap: non-constant size
; CHECK-LABEL: define void @malloc_n_small_buffer(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK:         %h2s.fits = icmp ule i64 %n, 32
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK:         br i1 %h2s.fits, label %[[JOIN:[0-9]+]], label %[[SLOW:[0-9]+]]
; CHECK:       [[SLOW]]:
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n)
; CHECK-NEXT:    br label %[[JOIN]]
; CHECK:       [[JOIN]]:
; CHECK-NEXT:    %h2s.p = phi ptr [ %p.h2s, %{{[0-9]+}} ], [ %p, %[[SLOW]] ]
; CHECK-NEXT:    call void @use(ptr %h2s.p)
; CHECK-NEXT:    %h2s.onheap = icmp ne ptr %h2s.p, %p.h2s
; CHECK-NEXT:    br i1 %h2s.onheap, label %[[FREE:[0-9]+]], label %[[DONE:[0-9]+]]
; CHECK:       [[FREE]]:
; CHECK-NEXT:    call void @free(ptr %h2s.p)
; CHECK-NEXT:    br label %[[DONE]]
; CHECK:       [[DONE]]:
; CHECK-NEXT:    ret void
; K128:        define void @malloc_n_small_buffer(
; K128:          %p.h2s = alloca [128 x i8], align 16
; K128:          icmp ule i64 %n, 128
; OFF-LABEL:   define void @malloc_n_small_buffer(
; OFF-NOT:       alloca [
; OFF:           %p = call ptr @malloc(i64 %n)
; OFF-NEXT:      call void @use(ptr %p)
; OFF-NEXT:      call void @free(ptr %p)
; OVERMAX-LABEL: define void @malloc_n_small_buffer(
; OVERMAX-NOT:     alloca [
define void @malloc_n_small_buffer(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: a variable-size object that escapes gets nothing.
; CHECK-LABEL: define void @malloc_n_escapes(
; CHECK-NOT:     alloca [
; CHECK-NOT:     h2s.fits
; CHECK:         %p = call ptr @malloc(i64 %n)
; CHECK-NEXT:    store ptr %p, ptr @g
define void @malloc_n_escapes(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr @g
  ret void
}

; Every free on every path is guarded.
; REMARK: remark: <unknown>:0:0: malloc(n) does not escape: moved to stack when size <= 32; guarded 2 free(s)
; CHECK-LABEL: define void @two_frees_both_guarded(
; CHECK:         %h2s.onheap = icmp ne ptr %h2s.p, %p.h2s
; CHECK:         call void @free(ptr %h2s.p)
; CHECK:         %h2s.onheap1 = icmp ne ptr %h2s.p, %p.h2s
; CHECK:         call void @free(ptr %h2s.p)
define void @two_frees_both_guarded(i64 %n, i1 %c) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  br i1 %c, label %l, label %r
l:
  call void @free(ptr %p)
  ret void
r:
  call void @free(ptr %p)
  ret void
}

; --- calloc: the check covers count and size before the product -------------

; REMARK: remark: <unknown>:0:0: calloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s)
; CHECK-LABEL: define void @calloc_count_and_size_unknown(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK:         %h2s.fits = icmp ule i64 %size, 32
; CHECK:         [[C:%.*]] = icmp ule i64 %count, 32
; CHECK:         [[BOTH:%.*]] = and i1 %h2s.fits, [[C]]
; CHECK:         %h2s.bytes = mul i64 %size, %count
; CHECK:         [[B:%.*]] = icmp ule i64 %h2s.bytes, 32
; CHECK:         %h2s.fits1 = and i1 [[BOTH]], [[B]]
; CHECK:         %h2s.zero = select i1 %h2s.fits1, i64 %h2s.bytes, i64 0
; CHECK:         call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 %h2s.zero, i1 false)
; CHECK:         br i1 %h2s.fits1,
; CHECK:         %p = call ptr @calloc(i64 %count, i64 %size)
define void @calloc_count_and_size_unknown(i64 %count, i64 %size) {
  %p = call ptr @calloc(i64 %count, i64 %size)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; In a loop, the buffer is zeroed again on every iteration, before the
; branch, with the bytes this iteration uses.
; CHECK-LABEL: define void @calloc_in_loop_zeroed_each_iteration(
; CHECK:       entry:
; CHECK-NEXT:    %p.h2s = alloca [32 x i8], align 16
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK:         %h2s.bytes = mul i64 4, %n
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK:         %h2s.zero = select i1 %h2s.fits, i64 %h2s.bytes, i64 0
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 %h2s.zero, i1 false)
; CHECK-NEXT:    br i1 %h2s.fits,
; CHECK:         %p = call ptr @calloc(i64 %n, i64 4)
define void @calloc_in_loop_zeroed_each_iteration(i64 %n, i32 %iters) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %p = call ptr @calloc(i64 %n, i64 4)
  store i32 %i, ptr %p
  call void @use(ptr %p)
  call void @free(ptr %p)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %iters
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Near miss: the object of one iteration is read in the next: nothing.
; CHECK-LABEL: define void @calloc_in_loop_carried_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @calloc(i64 %n, i64 4)
define void @calloc_in_loop_carried_escapes(i64 %n, i32 %iters) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %prev = phi ptr [ null, %entry ], [ %p, %loop ]
  call void @use(ptr %prev)
  %p = call ptr @calloc(i64 %n, i64 4)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %iters
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; aligned_alloc with a constant alignment: the buffer is aligned as asked.
; CHECK-LABEL: define void @aligned_alloc_n_small_buffer(
; CHECK:         %p.h2s = alloca [32 x i8], align 64
; CHECK:         %h2s.fits = icmp ule i64 %n, 32
define void @aligned_alloc_n_small_buffer(i64 %n) {
  %p = call ptr @aligned_alloc(i64 64, i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; --- not for invoke ---------------------------------------------------------

; REMARK: remark: <unknown>:0:0: _Znam(n) stays on heap: non-constant size
; CHECK-LABEL: define void @invoke_new_array_n_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = invoke ptr @_Znam(i64 %n)
define void @invoke_new_array_n_stays(i64 %n) personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znam(i64 %n) to label %ok unwind label %lp
ok:
  call void @use(ptr %p)
  call void @_ZdaPv(ptr %p)
  ret void
lp:
  %x = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %x
}

; Near miss: the same new[] as a call gets the buffer.
; CHECK-LABEL: define void @call_new_array_n_small_buffer(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK:         %h2s.onheap = icmp ne ptr %h2s.p, %p.h2s
; CHECK:         call void @_ZdaPv(ptr %h2s.p)
define void @call_new_array_n_small_buffer(i64 %n) {
  %p = call ptr @_Znam(i64 %n) #0
  call void @use(ptr %p)
  call void @_ZdaPv(ptr %p) #0
  ret void
}

attributes #0 = { builtin }
