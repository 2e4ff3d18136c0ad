; Boehm GC's allocators are known by name (GC_malloc carries only allocsize,
; so LLVM does not see it as an allocation): GC_malloc clears its memory,
; so the promoted object is cleared at the original site on every
; execution; GC_malloc_atomic does not; GC_malloc_uncollectable is a root
; for the collector and not ours. Collected memory needs no free; GC_free
; is removed with the object it frees.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @GC_malloc(i64) allocsize(0)
declare ptr @GC_malloc_atomic(i64) allocsize(0)
declare ptr @GC_malloc_uncollectable(i64) allocsize(0)
declare void @GC_free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; REMARK: remark: <unknown>:0:0: GC_malloc(64) does not escape: moved to stack{{$}}
; CHECK-LABEL: define void @gc_malloc_zeroed_at_site(
; CHECK:         %p.h2s = alloca [64 x i8], align 16
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 64, i1 false)
; CHECK-NOT:     call ptr @GC_malloc
define void @gc_malloc_zeroed_at_site() {
  %p = call ptr @GC_malloc(i64 64)
  call void @use(ptr %p)
  ret void
}

; Near miss: published, so it stays collected.
; REMARK: remark: <unknown>:0:0: GC_malloc(64) escapes to heap: stored to global
; CHECK-LABEL: define void @gc_malloc_published_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @GC_malloc(i64 64)
define void @gc_malloc_published_stays() {
  %p = call ptr @GC_malloc(i64 64)
  store ptr %p, ptr @g
  ret void
}

; REMARK: remark: <unknown>:0:0: GC_malloc_atomic(64) does not escape: moved to stack{{$}}
; CHECK-LABEL: define void @gc_malloc_atomic_not_zeroed(
; CHECK:         %p.h2s = alloca [64 x i8], align 16
; CHECK-NOT:     memset
; CHECK-NOT:     call ptr @GC_malloc_atomic
; CHECK:         ret void
define void @gc_malloc_atomic_not_zeroed() {
  %p = call ptr @GC_malloc_atomic(i64 64)
  call void @use(ptr %p)
  ret void
}

; REMARK-NOT: GC_malloc_uncollectable(64)
; CHECK-LABEL: define void @gc_malloc_uncollectable_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @GC_malloc_uncollectable(i64 64)
define void @gc_malloc_uncollectable_stays() {
  %p = call ptr @GC_malloc_uncollectable(i64 64)
  call void @use(ptr %p)
  ret void
}

; In a loop: cleared again on every iteration.
; CHECK-LABEL: define void @gc_malloc_in_loop_zeroed_each_iteration(
; CHECK:       entry:
; CHECK-NEXT:    %p.h2s = alloca [32 x i8], align 16
; CHECK:       loop:
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 32, i1 false)
define void @gc_malloc_in_loop_zeroed_each_iteration(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %p = call ptr @GC_malloc(i64 32)
  store i32 %i, ptr %p
  call void @use(ptr %p)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; An explicit GC_free goes with the object.
; REMARK: remark: <unknown>:0:0: GC_malloc(24) does not escape: moved to stack; removed 1 free(s)
; CHECK-LABEL: define void @gc_free_removed(
; CHECK:         %p.h2s = alloca [24 x i8], align 16
; CHECK-NOT:     call void @GC_free
define void @gc_free_removed() {
  %p = call ptr @GC_malloc(i64 24)
  call void @use(ptr %p)
  call void @GC_free(ptr %p)
  ret void
}

; A collected object holding the only pointer to another collected object:
; the holder moves (the collector scans the stack), the held object escapes
; through the loop and stays.
; CHECK-LABEL: define void @gc_holder_of_loop_objects(
; CHECK:         %holder.h2s = alloca [64 x i8], align 16
; CHECK:       loop:
; CHECK:         %n = call ptr @GC_malloc(i64 16)
define void @gc_holder_of_loop_objects(i64 %count) {
entry:
  %holder = call ptr @GC_malloc(i64 64)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %n = call ptr @GC_malloc(i64 16)
  %slot = getelementptr ptr, ptr %holder, i64 %i
  store ptr %n, ptr %slot
  %i1 = add i64 %i, 1
  %c = icmp ult i64 %i1, 8
  br i1 %c, label %loop, label %exit
exit:
  call void @use(ptr %holder)
  ret void
}

; A variable size: the small buffer, cleared with the bytes used.
; REMARK: remark: <unknown>:0:0: GC_malloc(n) does not escape: moved to stack when size <= 32{{$}}
; CHECK-LABEL: define void @gc_malloc_variable_size(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK:         %h2s.zero = select i1 %h2s.fits, i64 %n, i64 0
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 %h2s.zero, i1 false)
define void @gc_malloc_variable_size(i64 %n) {
  %p = call ptr @GC_malloc(i64 %n)
  call void @use(ptr %p)
  ret void
}
