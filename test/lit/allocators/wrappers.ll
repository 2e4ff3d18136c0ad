; Allocation wrappers (wrappers.c): a defined function that returns one
; allocator's fresh block untouched (null tests, memset, counters and exits
; around it) is an allocation site of that family; one that only frees its
; parameter is a free. A site that moves gets the wrapper inlined (and its
; paired free wrappers), so counters and exits stay; a site that does not
; move keeps its call. Near misses, each breaking one rule, stay calls.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack<unseen-recursion=0>)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -disable-output -pass-remarks=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes='heap2stack<small-buffer=0;unseen-recursion=0>' -verify-each -S %s | FileCheck --check-prefix=NOSMALL %s

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare void @free(ptr)
declare void @exit(i32) noreturn
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @observe(i64)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

@nalloc = global i64 0
@nfree = global i64 0
@g = global ptr null
@list = global ptr null
@static_buf = global [64 x i8] zeroinitializer

; The wrapper bodies themselves are unchanged.
; CHECK-LABEL: define ptr @xmalloc(
; CHECK:         call ptr @malloc(i64 %n)
define ptr @xmalloc(i64 %n) noinline {
  %p = call ptr @malloc(i64 %n)
  %null = icmp eq ptr %p, null
  br i1 %null, label %die, label %ok
die:
  call void @observe(i64 %n)
  call void @exit(i32 1)
  unreachable
ok:
  %c = load i64, ptr @nalloc
  %c1 = add i64 %c, 1
  store i64 %c1, ptr @nalloc
  ret ptr %p
}

; CHECK-LABEL: define void @xfree(
; CHECK:         call void @free(ptr %p)
define void @xfree(ptr %p) noinline {
  %c = load i64, ptr @nfree
  %c1 = add i64 %c, 1
  store i64 %c1, ptr @nfree
  call void @free(ptr %p)
  ret void
}

; calloc(1, n) plus a memset: a constant count, a zeroing wrapper.
define ptr @xzalloc(i64 %n) noinline {
  %p = call ptr @calloc(i64 1, i64 %n)
  call void @llvm.memset.p0.i64(ptr %p, i8 0, i64 %n, i1 false)
  ret ptr %p
}

; REMARK: xmalloc(32) does not escape: moved to stack (allocated by malloc in xmalloc); removed 1 free(s)
; CHECK-LABEL: define void @wrapper_site_moves(
; CHECK:         alloca [32 x i8], align 16
; CHECK-NOT:     call {{.*}}@xmalloc
; CHECK-NOT:     call {{.*}}@malloc
; CHECK:         store i64 {{.*}}, ptr @nalloc
; CHECK:         call void @use(ptr
; CHECK:         store i64 {{.*}}, ptr @nfree
; CHECK-NOT:     call {{.*}}@free
; CHECK:         ret void
define void @wrapper_site_moves() {
  %p = call ptr @xmalloc(i64 32)
  call void @use(ptr %p)
  call void @xfree(ptr %p)
  ret void
}

; A non-constant size: the small buffer (small-buffer=32 by default)
; applies to the inlined allocation; the inlined free is guarded, the
; counters stay. Near miss: without the small buffer nothing is inlined.
; CHECK-LABEL: define void @variable_size_wrapper_site(
; CHECK:         %p.i.h2s = alloca [32 x i8], align 16
; CHECK:         %h2s.fits = icmp ule i64 %n, 32
; CHECK:         call ptr @malloc(i64 %n)
; CHECK:         %h2s.p = phi ptr
; CHECK:         store i64 {{.*}}, ptr @nalloc
; CHECK:         store i64 {{.*}}, ptr @nfree
; CHECK:         %h2s.onheap = icmp ne ptr %h2s.p, %p.i.h2s
; CHECK:         call void @free(ptr %h2s.p)
; CHECK-NOT:     call {{.*}}@xmalloc
; CHECK-NOT:     call {{.*}}@xfree
; CHECK:         ret void
; NOSMALL-LABEL: define void @variable_size_wrapper_site(
; NOSMALL:         call ptr @xmalloc(i64 %n)
; NOSMALL:         call void @xfree(
define void @variable_size_wrapper_site(i64 %n) {
  %p = tail call ptr @xmalloc(i64 %n)
  call void @use(ptr %p)
  tail call void @xfree(ptr %p)
  ret void
}

; GLib's g_malloc shape: NULL for a zero size, the block otherwise.
define ptr @g_malloc_like(i64 %n) noinline {
entry:
  %zero = icmp eq i64 %n, 0
  br i1 %zero, label %done, label %alloc
alloc:
  %p = call ptr @malloc(i64 %n)
  %null = icmp eq ptr %p, null
  br i1 %null, label %die, label %done
die:
  call void @exit(i32 1)
  unreachable
done:
  %r = phi ptr [ null, %entry ], [ %p, %alloc ]
  ret ptr %r
}
; REMARK: g_malloc_like(24) does not escape: moved to stack (allocated by malloc in g_malloc_like); removed 1 free(s)
; CHECK-LABEL: define void @null_or_block_wrapper_moves(
; CHECK:         alloca [24 x i8], align 16
; CHECK-NOT:     call {{.*}}@g_malloc_like
; CHECK-NOT:     call {{.*}}@malloc
; CHECK-NOT:     call {{.*}}@free
; CHECK:         ret void
define void @null_or_block_wrapper_moves() {
  %p = call ptr @g_malloc_like(i64 24)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the phi merges the block with a static buffer.
define ptr @block_or_static(i64 %n) noinline {
entry:
  %small = icmp ult i64 %n, 8
  br i1 %small, label %done, label %alloc
alloc:
  %p = call ptr @malloc(i64 %n)
  br label %done
done:
  %r = phi ptr [ @static_buf, %entry ], [ %p, %alloc ]
  ret ptr %r
}
; CHECK-LABEL: define void @block_or_static_wrapper_stays(
; CHECK:         call ptr @block_or_static(i64 24)
define void @block_or_static_wrapper_stays() {
  %p = call ptr @block_or_static(i64 24)
  call void @use(ptr %p)
  ret void
}

; libiberty's xmalloc: `if (size == 0) size = 1;`, a size computed from
; the parameter (wrapsize.c), constant at a call with a constant argument.
define ptr @libiberty_xmalloc(i64 %size) noinline {
  %zero = icmp eq i64 %size, 0
  %n = select i1 %zero, i64 1, i64 %size
  %p = call ptr @malloc(i64 %n)
  %null = icmp eq ptr %p, null
  br i1 %null, label %die, label %ok
die:
  call void @observe(i64 %n)
  call void @exit(i32 1)
  unreachable
ok:
  ret ptr %p
}
declare i64 @llvm.umax.i64(i64, i64)
define ptr @umax_xmalloc(i32 %size) noinline {
  %s = zext i32 %size to i64
  %n = call i64 @llvm.umax.i64(i64 %s, i64 1)
  %m = shl i64 %n, 1
  %p = call ptr @malloc(i64 %m)
  ret ptr %p
}
; REMARK: libiberty_xmalloc(40) does not escape: moved to stack (allocated by malloc in libiberty_xmalloc); removed 1 free(s)
; REMARK: libiberty_xmalloc(1) does not escape: moved to stack (allocated by malloc in libiberty_xmalloc)
; REMARK: umax_xmalloc(24) does not escape: moved to stack (allocated by malloc in umax_xmalloc)
; CHECK-LABEL: define void @computed_size_wrapper_moves(
; CHECK-DAG:     alloca [40 x i8], align 16
; CHECK-DAG:     alloca [1 x i8], align 16
; CHECK-DAG:     alloca [24 x i8], align 16
; CHECK-NOT:     call {{.*}}@libiberty_xmalloc
; CHECK-NOT:     call {{.*}}@umax_xmalloc
; CHECK-NOT:     call {{.*}}@malloc
; CHECK:         ret void
define void @computed_size_wrapper_moves() {
  %p = call ptr @libiberty_xmalloc(i64 40)
  call void @use(ptr %p)
  call void @free(ptr %p)
  %q = call ptr @libiberty_xmalloc(i64 0)
  call void @use(ptr %q)
  %r = call ptr @umax_xmalloc(i32 12)
  call void @use(ptr %r)
  ret void
}

; Near miss: a size computed from something other than the parameters (a
; global) is not a size of the call.
@scale = global i64 2
define ptr @scaled_alloc(i64 %n) noinline {
  %k = load i64, ptr @scale
  %m = mul i64 %n, %k
  %p = call ptr @malloc(i64 %m)
  ret ptr %p
}
; CHECK-LABEL: define void @size_from_global_wrapper_stays(
; CHECK:         call ptr @scaled_alloc(i64 16)
define void @size_from_global_wrapper_stays() {
  %p = call ptr @scaled_alloc(i64 16)
  call void @use(ptr %p)
  ret void
}

; Near miss: the size would wrap (2^60 << 4 is 0 in i64): not a constant
; for the analysis, so the site is one of unknown size: only the small
; buffer, checked at run time on the inlined size (here folded to 0),
; applies, and nothing without it.
define ptr @shl_alloc(i64 %n) noinline {
  %m = shl i64 %n, 4
  %p = call ptr @malloc(i64 %m)
  ret ptr %p
}
; CHECK-LABEL: define void @wrapping_size_wrapper_not_constant(
; CHECK:         alloca [32 x i8], align 16
; CHECK:         call ptr @malloc(i64 0)
; CHECK:         %h2s.p = phi ptr
; NOSMALL-LABEL: define void @wrapping_size_wrapper_not_constant(
; NOSMALL:         call ptr @shl_alloc(i64 1152921504606846976)
define void @wrapping_size_wrapper_not_constant() {
  %p = call ptr @shl_alloc(i64 1152921504606846976)
  call void @use(ptr %p)
  ret void
}

; Near miss: the block escapes; nothing is inlined.
; CHECK-LABEL: define void @wrapper_site_escapes_not_inlined(
; CHECK:         %p = call ptr @xmalloc(i64 32)
; CHECK-NOT:     @nalloc
; CHECK:         ret void
define void @wrapper_site_escapes_not_inlined() {
  %p = call ptr @xmalloc(i64 32)
  store ptr %p, ptr @g
  ret void
}

; A plain free of a wrapper's block goes with it.
; REMARK: xzalloc(16) does not escape: moved to stack (allocated by calloc in xzalloc); removed 1 free(s)
; CHECK-LABEL: define void @zeroing_wrapper_moves(
; CHECK:         alloca [16 x i8], align 16
; CHECK-NOT:     call {{.*}}@calloc
; CHECK-NOT:     call {{.*}}@free
; CHECK:         ret void
define void @zeroing_wrapper_moves() {
  %p = call ptr @xzalloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the wrapper keeps the block (a pool, a global list).
define ptr @pool_alloc(i64 %n) noinline {
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr @list
  ret ptr %p
}
; CHECK-LABEL: define void @pool_wrapper_stays(
; CHECK:         call ptr @pool_alloc(i64 32)
; CHECK:         call void @free(
define void @pool_wrapper_stays() {
  %p = call ptr @pool_alloc(i64 32)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the wrapper's effect reads the address.
define ptr @hashing_alloc(i64 %n) noinline {
  %p = call ptr @malloc(i64 %n)
  %a = ptrtoint ptr %p to i64
  call void @observe(i64 %a)
  ret ptr %p
}
; CHECK-LABEL: define void @address_observing_wrapper_stays(
; CHECK:         call ptr @hashing_alloc(i64 32)
define void @address_observing_wrapper_stays() {
  %p = call ptr @hashing_alloc(i64 32)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: it may return a static buffer instead of a fresh block.
define ptr @cached_alloc(i64 %n) noinline {
  %small = icmp ult i64 %n, 64
  br i1 %small, label %cached, label %fresh
cached:
  ret ptr @static_buf
fresh:
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}
; CHECK-LABEL: define void @cached_block_wrapper_stays(
; CHECK:         call ptr @cached_alloc(i64 32)
define void @cached_block_wrapper_stays() {
  %p = call ptr @cached_alloc(i64 32)
  call void @use(ptr %p)
  ret void
}

; Near miss: two allocations in the body.
define ptr @two_allocs(i64 %n) noinline {
  %q = call ptr @malloc(i64 8)
  store ptr %q, ptr @g
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}
; CHECK-LABEL: define void @two_allocation_wrapper_stays(
; CHECK:         call ptr @two_allocs(i64 32)
define void @two_allocation_wrapper_stays() {
  %p = call ptr @two_allocs(i64 32)
  call void @use(ptr %p)
  ret void
}

; Near miss: a size computed in the body (a header) and an offset block.
define ptr @header_alloc(i64 %n) noinline {
  %m = add i64 %n, 16
  %p = call ptr @malloc(i64 %m)
  %q = getelementptr i8, ptr %p, i64 16
  ret ptr %q
}
; CHECK-LABEL: define void @header_wrapper_stays(
; CHECK:         call ptr @header_alloc(i64 32)
define void @header_wrapper_stays() {
  %p = call ptr @header_alloc(i64 32)
  call void @use(ptr %p)
  ret void
}

; Near miss: a free wrapper that recycles into a free list is not a free:
; the block handed to it escapes.
define void @recycle(ptr %p) noinline {
  store ptr %p, ptr @list
  ret void
}
; CHECK-LABEL: define void @recycling_free_wrapper_stays(
; CHECK:         call ptr @xmalloc(i64 32)
; CHECK:         call void @recycle(
define void @recycling_free_wrapper_stays() {
  %p = call ptr @xmalloc(i64 32)
  call void @use(ptr %p)
  call void @recycle(ptr %p)
  ret void
}

; Near miss: a free wrapper that prints the address before freeing.
define void @noisy_free(ptr %p) noinline {
  %a = ptrtoint ptr %p to i64
  call void @observe(i64 %a)
  call void @free(ptr %p)
  ret void
}
; CHECK-LABEL: define void @address_observing_free_wrapper_stays(
; CHECK:         call ptr @xmalloc(i64 32)
; CHECK:         call void @noisy_free(
define void @address_observing_free_wrapper_stays() {
  %p = call ptr @xmalloc(i64 32)
  call void @use(ptr %p)
  call void @noisy_free(ptr %p)
  ret void
}
