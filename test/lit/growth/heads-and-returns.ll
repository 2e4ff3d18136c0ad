; Growth buffers (issue 17), the rest of the family: `realloc(NULL, n)` as
; the first allocation (a *head*: the small buffer's K bytes), and a buffer
; built locally and returned, copied into one heap block at the return
; (Go's move2heap). Near misses stay on the heap.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -verify-each -disable-output %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0;small-buffer=0>' -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=NOSMALL %s

declare ptr @malloc(i64)
declare ptr @realloc(ptr, i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare i64 @next(i64) nounwind memory(none)

@g = global ptr null

; A builder from NULL, doubling: the head is the realloc in the loop.
; REMARK: remark: <unknown>:0:0: realloc(n) does not escape: starts on stack, moves to heap when grown past 32; guarded 1 free(s)
; NOSMALL-NOT: realloc(n) does not escape
; CHECK-LABEL: define void @head_from_null(
; CHECK:         %r.h2s = alloca [32 x i8], align 16
; CHECK:         %h2s.null = icmp eq ptr %q, null
; CHECK:         %r = call ptr @realloc(ptr %q, i64 %cap)
; CHECK:         call void @use(
define void @head_from_null(i64 %k) {
entry:
  br label %loop
loop:
  %q = phi ptr [ null, %entry ], [ %r, %loop ]
  %cap = phi i64 [ 1, %entry ], [ %cap2, %loop ]
  %r = call ptr @realloc(ptr %q, i64 %cap)
  %last = getelementptr i8, ptr %r, i64 %cap
  %at = getelementptr i8, ptr %last, i64 -1
  store i8 7, ptr %at
  %cap2 = shl i64 %cap, 1
  %more = icmp ult i64 %cap2, %k
  br i1 %more, label %loop, label %done
done:
  call void @use(ptr %r)
  call void @free(ptr %r)
  ret void
}

; A constant null block: `realloc(NULL, 8)` itself is the head (its own
; call takes the buffer), then grown past it.
; REMARK: remark: <unknown>:0:0: realloc(n) does not escape: starts on stack, moves to heap when grown past 32; guarded 1 free(s)
; CHECK-LABEL: define void @head_constant_null(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK:         %h2s.cantake = and i1 true, %h2s.free
; CHECK:       h2s.take:
; CHECK-NEXT:    store i8 1, ptr %h2s.used
; CHECK:         %p = call ptr @realloc(ptr null, i64 8)
; CHECK:         icmp eq ptr %h2s.grown, %p.h2s
define void @head_constant_null(i64 %n) {
  %p = call ptr @realloc(ptr null, i64 8)
  store i8 1, ptr %p
  %r = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %r)
  call void @free(ptr %r)
  ret void
}

; Near miss: the head's block is kept in a global.
; REMARK: remark: <unknown>:0:0: realloc(n) escapes to heap: stored to global
; CHECK-LABEL: define void @head_stored_to_global(
; CHECK-NOT:     alloca
define void @head_stored_to_global(i64 %k) {
entry:
  br label %loop
loop:
  %q = phi ptr [ null, %entry ], [ %r, %loop ]
  %cap = phi i64 [ 1, %entry ], [ %cap2, %loop ]
  %r = call ptr @realloc(ptr %q, i64 %cap)
  store i8 7, ptr %r
  %cap2 = shl i64 %cap, 1
  %more = icmp ult i64 %cap2, %k
  br i1 %more, label %loop, label %done
done:
  store ptr %r, ptr @g
  ret void
}

; Near miss: a realloc whose block may also be a parameter's is no head.
; REMARK-NOT: remark: <unknown>:0:0: realloc(n) {{.*}} @head_or_param
; CHECK-LABEL: define void @head_or_param(
; CHECK-NOT:     alloca
define void @head_or_param(ptr %p, i1 %c, i64 %n) {
  %q = select i1 %c, ptr null, ptr %p
  %r = call ptr @realloc(ptr %q, i64 %n)
  %r2 = call ptr @realloc(ptr %r, i64 %n)
  call void @use(ptr %r2)
  call void @free(ptr %r2)
  ret void
}

; Returned builder (move2heap): built in the buffer, copied into one
; malloc(16) at the return when still there, at the same offset.
; REMARK: remark: <unknown>:0:0: malloc(16) does not escape: starts on stack, moves to heap when grown past 16 or returned
; CHECK-LABEL: define ptr @returned_builder(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK:         %h2s.inbuf = freeze i1
; CHECK:       h2s.toheap:
; CHECK-NEXT:    %h2s.moved = call ptr @malloc(i64 16)
; CHECK:       h2s.nomem:
; CHECK-NEXT:    call void @llvm.trap()
; CHECK:       h2s.copy:
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 16 %h2s.moved, ptr align 16 %p.h2s, i64 16, i1 false)
; CHECK:         %h2s.ret = phi ptr
; CHECK-NEXT:    ret ptr %h2s.ret
define ptr @returned_builder(i64 %k) {
entry:
  %p = call ptr @malloc(i64 16)
  br label %loop
loop:
  %q = phi ptr [ %p, %entry ], [ %r, %loop ]
  %cap = phi i64 [ 16, %entry ], [ %cap2, %loop ]
  %cap2 = shl i64 %cap, 1
  %r = call ptr @realloc(ptr %q, i64 %cap2)
  store i8 1, ptr %r
  %more = icmp ult i64 %cap2, %k
  br i1 %more, label %loop, label %done
done:
  ret ptr %r
}

; A returned head (realloc from NULL) is copied the same way; an interior
; pointer keeps its offset.
; REMARK: remark: <unknown>:0:0: realloc(n) does not escape: starts on stack, moves to heap when grown past 32 or returned
; CHECK-LABEL: define ptr @returned_head_interior(
; CHECK:         %h2s.moved = call ptr @malloc(i64 32)
; CHECK:         %h2s.off = sub i64
define ptr @returned_head_interior(i64 %k) {
entry:
  br label %loop
loop:
  %q = phi ptr [ null, %entry ], [ %r, %loop ]
  %cap = phi i64 [ 1, %entry ], [ %cap2, %loop ]
  %r = call ptr @realloc(ptr %q, i64 %cap)
  store i8 1, ptr %r
  %cap2 = shl i64 %cap, 1
  %more = icmp ult i64 %cap2, %k
  br i1 %more, label %loop, label %done
done:
  %mid = getelementptr i8, ptr %r, i64 1
  ret ptr %mid
}

; Near miss: returned, and also stored in a global.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes
; CHECK-LABEL: define ptr @returned_and_global(
; CHECK-NOT:     alloca
define ptr @returned_and_global(i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  store ptr %r, ptr @g
  ret ptr %r
}

; Near miss: returned inside another heap object (the copy would not
; follow the pointer stored in it).
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes
; REMARK: remark: <unknown>:0:0: malloc(8) escapes to heap: returned
; CHECK-LABEL: define ptr @returned_in_a_box(
; CHECK-NOT:     alloca
define ptr @returned_in_a_box(i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  %box = call ptr @malloc(i64 8)
  store ptr %r, ptr %box
  ret ptr %box
}

; Near miss: the buffer holds a pointer into itself; a copy would point
; back into the dead frame.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes
; CHECK-LABEL: define ptr @returned_self_pointer(
; CHECK-NOT:     alloca
define ptr @returned_self_pointer(i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  store ptr %r, ptr %r
  ret ptr %r
}

; Near miss: the buffer leaves through an out-parameter, not the result.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes
; CHECK-LABEL: define void @out_parameter(
; CHECK-NOT:     alloca
define void @out_parameter(ptr %out, i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  store ptr %r, ptr %out
  ret void
}

; Near miss: not grown, only returned: a plain allocation (a wrapper's
; shape), left alone.
; REMARK: remark: <unknown>:0:0: malloc(16) escapes to heap: returned
; CHECK-LABEL: define ptr @returned_not_grown(
; CHECK-NOT:     alloca
define ptr @returned_not_grown() {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  ret ptr %p
}

; Near miss: the result is in another address space than the buffer (the
; guard could not compare them): no copy at the return.
; REMARK: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes
; CHECK-LABEL: define ptr addrspace(1) @returned_other_addrspace(
; CHECK-NOT:     alloca
define ptr addrspace(1) @returned_other_addrspace(i64 %n) {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @realloc(ptr %p, i64 %n)
  store i8 1, ptr %r
  %c = addrspacecast ptr %r to ptr addrspace(1)
  ret ptr addrspace(1) %c
}
