; Stack-first growth (issue 17): `p = malloc(K)` whose chain of realloc'd
; blocks does not escape, and whose frees and reallocs receive only that
; chain, starts in a K-byte entry-block buffer. The buffer is a pool of
; one block with an in-use flag (growrw.c): a realloc that may receive it
; keeps it when the request fits, else copies it to `realloc(NULL, n)`; a
; null block takes it when it is free; a free gives it back.
; Near misses (each breaks one condition) stay on the heap.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0;max-size-recursive=64>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0;max-size-recursive=64>' -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @realloc(ptr, i64)
declare ptr @reallocarray(ptr, i64, i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; REMARK: remark: <unknown>:0:0: malloc(16) does not escape: starts on stack, moves to heap when grown past 16; guarded 2 free(s)
; CHECK-LABEL: define void @grown_in_loop(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK:         %h2s.used = alloca i8, align 1
; CHECK-NEXT:    store i8 0, ptr %h2s.used
; The site takes the buffer when it is free, else the heap.
; CHECK:         br i1 %h2s.free{{[0-9]*}}, label %h2s.take{{[0-9]*}}, label %[[SITE:[0-9]+]]
; CHECK:       [[SITE]]:
; CHECK-NEXT:    %p = call ptr @malloc(i64 16)
; CHECK:         %h2s.p = phi ptr [ %p.h2s, %h2s.take{{[0-9]*}} ], [ %p, %[[SITE]] ]
; The realloc: fits (0 < n <= 16) keeps the buffer.
; CHECK:         %h2s.fits = and i1
; CHECK:         %[[EQ:[0-9]+]] = icmp eq ptr %q, %p.h2s
; CHECK-NEXT:    %h2s.onstack = freeze i1 %[[EQ]]
; CHECK-NEXT:    br i1 %h2s.onstack, label %h2s.stk, label %h2s.chk
; CHECK:       h2s.stk:
; CHECK-NEXT:    br i1 %h2s.fits, label %[[REST:[0-9]+]], label %h2s.grow
; CHECK:       h2s.grow:
; CHECK-NEXT:    %[[ONE:[0-9]+]] = select i1 %h2s.zero, i64 1, i64 %n
; CHECK-NEXT:    %h2s.heap = call ptr @realloc(ptr null, i64 %[[ONE]])
; CHECK:         %h2s.copy = select i1 %{{.*}}, i64 %{{.*}}, i64 0
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 1 %h2s.heap, ptr align 16 %p.h2s, i64 %h2s.copy, i1 false)
; CHECK:         store i8 %{{[0-9]+}}, ptr %h2s.used
; CHECK:       h2s.shrink:
; CHECK-NEXT:    %h2s.none = call ptr @realloc(ptr %h2s.heap, i64 %n)
; A null block takes the buffer when it is free and the request fits.
; CHECK:       h2s.chk:
; CHECK-NEXT:    %h2s.null = icmp eq ptr %q, null
; CHECK:         %h2s.cantake = and i1
; CHECK:       h2s.take:
; CHECK-NEXT:    store i8 1, ptr %h2s.used
; CHECK:         %r = call ptr @realloc(ptr %q, i64 %n)
; CHECK:       [[REST]]:
; CHECK-NEXT:    %h2s.grown = phi ptr [ %p.h2s, %h2s.stk ], [ %h2s.heap, %h2s.grow ], [ %h2s.none, %h2s.shrink ], [ %p.h2s, %h2s.take ], [ %r, %{{[0-9]+}} ]
; A free of the buffer gives it back.
; CHECK:         %[[NE:[0-9]+]] = icmp ne ptr %q, %p.h2s
; CHECK-NEXT:    %h2s.onheap = freeze i1 %[[NE]]
; CHECK-NEXT:    br i1 %h2s.onheap, label %[[FREE:[0-9]+]], label %h2s.giveback
; CHECK:       [[FREE]]:
; CHECK-NEXT:    call void @free(ptr %q)
; CHECK:       h2s.giveback:
; CHECK-NEXT:    store i8 0, ptr %h2s.used
define void @grown_in_loop(i64 %k) {
entry:
  %p = call ptr @malloc(i64 16)
  br label %loop
loop:
  %q = phi ptr [ %p, %entry ], [ %next, %grow ]
  %i = phi i64 [ 0, %entry ], [ %i1, %grow ]
  %n = shl i64 %i, 5
  %r = call ptr @realloc(ptr %q, i64 %n)
  %fail = icmp eq ptr %r, null
  br i1 %fail, label %failed, label %grow
failed:
  call void @free(ptr %q)
  ret void
grow:
  %next = phi ptr [ %r, %loop ]
  store i8 1, ptr %next
  %i1 = add i64 %i, 1
  %done = icmp eq i64 %i1, %k
  br i1 %done, label %exit, label %loop
exit:
  call void @use(ptr %next)
  call void @free(ptr %next)
  ret void
}

; reallocarray keeps its overflow check on the way to the heap; calloc's
; buffer is cleared at the site.
; REMARK: remark: <unknown>:0:0: calloc(24) does not escape: starts on stack, moves to heap when grown past 24; guarded 1 free(s)
; CHECK-LABEL: define void @calloc_reallocarray(
; CHECK:         %p.h2s = alloca [24 x i8], align 16
; CHECK:         call void @llvm.memset.p0.i64(ptr align 16 %p.h2s, i8 0, i64 24, i1 false)
; CHECK:         %h2s.heap = call ptr @reallocarray(ptr null, i64 %{{[0-9]+}}, i64 %{{[0-9]+}})
; CHECK:         %h2s.none = call ptr @reallocarray(ptr %h2s.heap, i64 %c, i64 8)
define void @calloc_reallocarray(i64 %c) {
  %p = call ptr @calloc(i64 3, i64 8)
  %r = call ptr @reallocarray(ptr %p, i64 %c, i64 8)
  call void @use(ptr %r)
  call void @free(ptr %r)
  ret void
}

; Near miss: the grown block is stored in a global.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes
; CHECK-LABEL: define void @grown_block_stored_to_global(
; CHECK-NOT:     alloca
; CHECK:         %p = call ptr @malloc(i64 16)
define void @grown_block_stored_to_global(i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  store ptr %r, ptr @g
  ret void
}

; Near miss: a realloc that may receive the buffer or another object.
; REMARK: remark: <unknown>:0:0: malloc(16) escapes to heap: freed together with memory of unknown origin
; CHECK-LABEL: define void @realloc_of_either(
; CHECK-NOT:     alloca
; CHECK:         %p = call ptr @malloc(i64 16)
define void @realloc_of_either(i1 %c, ptr %other, i64 %n) {
  %p = call ptr @malloc(i64 16)
  %s = select i1 %c, ptr %p, ptr %other
  %r = call ptr @realloc(ptr %s, i64 %n)
  call void @use(ptr %r)
  call void @free(ptr %r)
  ret void
}

; Near miss: a free that may receive a block of the chain or another one.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: free of a realloc'd block that may be another object
; CHECK-LABEL: define void @free_of_either(
; CHECK-NOT:     alloca
; CHECK:         %p = call ptr @malloc(i64 16)
define void @free_of_either(i1 %c, i64 %n) {
  %p = call ptr @malloc(i64 16)
  %o = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %r)
  %s = select i1 %c, ptr %r, ptr %o
  call void @free(ptr %s)
  ret void
}

; Near miss: the address of a grown block becomes an integer.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes
; CHECK-LABEL: define i64 @grown_block_exposed(
; CHECK-NOT:     alloca
define i64 @grown_block_exposed(i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  %a = ptrtoint ptr %r to i64
  call void @free(ptr %r)
  ret i64 %a
}

; Near miss: one realloc may receive either of two buffers of constant
; size: neither chain owns it.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc that may receive another object
; REMARK: remark: <unknown>:0:0: malloc(32) stays on heap: realloc that may receive another object
; CHECK-LABEL: define void @realloc_of_two_buffers(
; CHECK-NOT:     alloca
define void @realloc_of_two_buffers(i1 %c, i64 %n) {
  %p = call ptr @malloc(i64 16)
  %o = call ptr @malloc(i64 32)
  %s = select i1 %c, ptr %p, ptr %o
  %t = select i1 %c, ptr %o, ptr %p
  %r = call ptr @realloc(ptr %s, i64 %n)
  call void @use(ptr %r)
  call void @free(ptr %r)
  call void @use(ptr %t)
  ret void
}

; Near miss: in an SCC of two functions (with a frame budget that lets
; recursive functions move 64 bytes), the chain is reallocated by the other
; function, which cannot see the buffer to test for it (and receives it as
; a parameter, which may point anywhere).
; REMARK: remark: <unknown>:0:0: malloc(16) escapes to heap: freed together with memory of unknown origin
; CHECK-LABEL: define ptr @grown_by_scc_peer(
; CHECK-NOT:     alloca
define ptr @grown_by_scc_peer(i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @scc_peer_grows(ptr %p, i64 %n)
  call void @use(ptr %r)
  call void @free(ptr %r)
  ret ptr null
}
define internal ptr @scc_peer_grows(ptr %p, i64 %n) {
  %c = icmp ugt i64 %n, 100
  br i1 %c, label %again, label %grow
again:
  %x = call ptr @grown_by_scc_peer(i64 0)
  br label %grow
grow:
  %r = call ptr @realloc(ptr %p, i64 %n)
  ret ptr %r
}
