; Growth across helpers (issue 17, growinline.c): a builder {data, len, cap}
; whose buffer is reallocated or freed only inside helpers defined here
; that LLVM did not inline. The helpers that may reach the buffer and free
; or realloc are inlined into the allocating function, which is analysed
; once more: the buffer moves when the ordinary proof holds on the inlined
; code. Near misses stay on the heap: a helper that keeps a pointer in a
; global, one that keeps the old block, one that frees what may be another
; object, a recursive helper, one on a call cycle with the allocating
; function, one over grow-inline, one declared but not defined, a weak one
; (another definition may replace it; an ODR copy may be inlined), and a
; buffer that escapes in the caller anyway (its helper is not copied).
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s
; The limit: a helper over grow-inline instructions stays a call; 0 is off.
; RUN: %opt-h2s -passes='heap2stack<grow-inline=6>' -S -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=SMALL %s
; RUN: %opt-h2s -passes='heap2stack<grow-inline=0>' -S -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=OFF %s
; RUN: %opt-h2s -passes='function(heap2stack)' -verify-each -disable-output %s
; The option prints back (only when not the default).
; RUN: %opt-h2s -passes='heap2stack<grow-inline=6>' -print-pipeline-passes -disable-output %s | FileCheck --check-prefix=PRINT %s
; PRINT: heap2stack<grow-inline=6>
; Bad values: one line, non-zero status.
; RUN: not %opt-h2s -passes='heap2stack<grow-inline=lots>' -disable-output %s 2>&1 | FileCheck --check-prefix=BAD %s
; RUN: not %opt-h2s -passes='heap2stack<grow-inline=10001>' -disable-output %s 2>&1 | FileCheck --check-prefix=BIG %s
; BAD: error: heap2stack: invalid grow-inline 'lots': expected a number of instructions from 0 (off) to 10000
; BIG: error: heap2stack: invalid grow-inline '10001': expected a number of instructions from 0 (off) to 10000
; (The remarks come before the module on the combined output.)
; SMALL: sb_grow not inlined to grow malloc(16) on the stack: it is over grow-inline=6 instructions
; OFF-NOT: not inlined to grow

%struct.sb = type { ptr, i64, i64 }

declare ptr @malloc(i64)
declare ptr @realloc(ptr, i64)
declare void @free(ptr)
declare void @abort() noreturn nounwind
declare void @ext_grow(ptr, i64)

@g = global ptr null

; Grows b->data to n bytes when n exceeds b->cap (the strbuf helper).
define internal void @sb_grow(ptr %b, i64 %n) noinline {
entry:
  %capp = getelementptr inbounds i8, ptr %b, i64 16
  %cap = load i64, ptr %capp
  %fits = icmp ule i64 %n, %cap
  br i1 %fits, label %done, label %grow
grow:
  %d = load ptr, ptr %b
  %r = call ptr @realloc(ptr %d, i64 %n)
  %fail = icmp eq ptr %r, null
  br i1 %fail, label %oom, label %ok
oom:
  call void @abort()
  unreachable
ok:
  store ptr %r, ptr %b
  store i64 %n, ptr %capp
  br label %done
done:
  ret void
}

; REMARK-DAG: remark: <unknown>:0:0: malloc(16) does not escape: starts on stack, moves to heap when grown past 16; guarded 1 free(s) (inlined sb_grow to prove it)
; CHECK-LABEL: define i32 @builder_grown_by_helper(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call void @sb_grow
; CHECK:         icmp eq ptr %{{.*}}, %p.h2s
; CHECK:         icmp ne ptr %{{.*}}, %p.h2s
; CHECK:       ret i32
; SMALL-LABEL: define i32 @builder_grown_by_helper(
; SMALL:         call ptr @malloc(i64 16)
; SMALL:         call void @sb_grow(
; OFF-LABEL:   define i32 @builder_grown_by_helper(
; OFF:           call ptr @malloc(i64 16)
; OFF:           call void @sb_grow(
define i32 @builder_grown_by_helper(i64 %k) {
entry:
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  %capp = getelementptr inbounds i8, ptr %b, i64 16
  store i64 16, ptr %capp
  call void @sb_grow(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  store i8 1, ptr %d
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}

; Near miss: the helper also publishes the grown block in a global. Copying
; it cannot help: it is not inlined.
define internal void @grow_publish(ptr %b, i64 %n) noinline {
  %d = load ptr, ptr %b
  %r = call ptr @realloc(ptr %d, i64 %n)
  store ptr %r, ptr %b
  store ptr %r, ptr @g
  ret void
}
; REMARK-DAG: remark: <unknown>:0:0: malloc(16) escapes to heap: freed together with memory of unknown origin
; REMARK-DAG: remark: <unknown>:0:0: grow_publish not inlined to grow malloc(16) on the stack: it stores a pointer in a global
; CHECK-LABEL: define i32 @helper_publishes_global(
; CHECK:         call ptr @malloc(i64 16)
; CHECK:         call void @grow_publish(
define i32 @helper_publishes_global(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  call void @grow_publish(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}

; Near miss: the helper keeps the old block where its caller says, here a
; global. It is inlined, and the second analysis keeps the buffer on the
; heap.
define internal void @grow_keep_old(ptr %b, ptr %keep, i64 %n) noinline {
  %d = load ptr, ptr %b
  store ptr %d, ptr %keep
  %r = call ptr @realloc(ptr %d, i64 %n)
  store ptr %r, ptr %b
  ret void
}
; REMARK-DAG: remark: <unknown>:0:0: malloc(16) escapes to heap: stored to global (after inlining grow_keep_old)
; CHECK-LABEL: define i32 @helper_keeps_old_block(
; CHECK:         call ptr @malloc(i64 16)
; CHECK-NOT:     alloca [16 x i8]
; CHECK:       ret i32
define i32 @helper_keeps_old_block(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  call void @grow_keep_old(ptr %b, ptr @g, i64 %k)
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}

; Near miss: the buffer grown by one helper is released by another that
; frees the buffer or another object. Both are inlined; the free is
; ambiguous.
define internal void @drop_either(ptr %b, ptr %other, i1 %c) noinline {
  %d = load ptr, ptr %b
  %p = select i1 %c, ptr %d, ptr %other
  call void @free(ptr %p)
  ret void
}
; REMARK-DAG: remark: <unknown>:0:0: malloc(16) stays on heap: ambiguous free (after inlining sb_grow, drop_either)
; CHECK-LABEL: define void @helper_frees_maybe_other(
; CHECK:         call ptr @malloc(i64 16)
; CHECK-NOT:     alloca [16 x i8]
; CHECK:       ret void
define void @helper_frees_maybe_other(i1 %c, i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  %capp = getelementptr inbounds i8, ptr %b, i64 16
  store i64 16, ptr %capp
  %o = call ptr @malloc(i64 8)
  call void @sb_grow(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  store i8 1, ptr %d
  store i8 2, ptr %o
  %v = load i8, ptr %d
  call void @drop_either(ptr %b, ptr %o, i1 %c)
  ret void
}

; Near miss: a recursive helper is never copied.
define internal void @grow_halving(ptr %b, i64 %n) noinline {
entry:
  %d = load ptr, ptr %b
  %r = call ptr @realloc(ptr %d, i64 %n)
  store ptr %r, ptr %b
  %more = icmp ugt i64 %n, 64
  br i1 %more, label %again, label %done
again:
  %h = lshr i64 %n, 1
  call void @grow_halving(ptr %b, i64 %h)
  br label %done
done:
  ret void
}
; REMARK-DAG: remark: <unknown>:0:0: grow_halving not inlined to grow malloc(16) on the stack: it is recursive
; CHECK-LABEL: define i32 @recursive_helper(
; CHECK:         call ptr @malloc(i64 16)
; CHECK:         call void @grow_halving(
define i32 @recursive_helper(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  call void @grow_halving(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}

; Near miss: the helper and the allocating function call each other (one
; SCC): nothing is copied, and no crash.
define internal void @grow_and_recount(ptr %b, i64 %n) noinline {
entry:
  %d = load ptr, ptr %b
  %r = call ptr @realloc(ptr %d, i64 %n)
  store ptr %r, ptr %b
  %more = icmp ugt i64 %n, 4096
  br i1 %more, label %again, label %done
again:
  %x = call i32 @cycle_builder(i64 1)
  br label %done
done:
  ret void
}
; CHECK-LABEL: define i32 @cycle_builder(
; CHECK:         call ptr @malloc(i64 16)
; CHECK:         call void @grow_and_recount(
define i32 @cycle_builder(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  call void @grow_and_recount(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}

; Near miss: the helper's body is elsewhere.
; REMARK-DAG: remark: <unknown>:0:0: ext_grow not inlined to grow malloc(16) on the stack: its body is not visible here
; CHECK-LABEL: define i32 @declared_helper(
; CHECK:         call ptr @malloc(i64 16)
; CHECK:         call void @ext_grow(
define i32 @declared_helper(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  call void @ext_grow(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}

; Near miss: the caller returns the buffer, so copying the helper cannot
; help (a trial analysis without the helper's call says so) and it stays a
; call.
; REMARK-DAG: remark: <unknown>:0:0: malloc(16) escapes to heap: leaked by call to sb_grow
; REMARK-NOT: returned (after inlining
; CHECK-LABEL: define ptr @returned_anyway(
; CHECK:         call ptr @malloc(i64 16)
; CHECK:         call void @sb_grow(
define ptr @returned_anyway(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %b
  %capp = getelementptr inbounds i8, ptr %b, i64 16
  store i64 16, ptr %capp
  call void @sb_grow(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  ret ptr %d
}

; An ODR helper (a C++ inline method) may be inlined, as LLVM's inliner
; does: every copy is equivalent. A weak one may be replaced at link time.
define linkonce_odr void @odr_grow(ptr %b, i64 %n) noinline {
  %d = load ptr, ptr %b
  %r = call ptr @realloc(ptr %d, i64 %n)
  store ptr %r, ptr %b
  ret void
}
define weak void @weak_grow(ptr %b, i64 %n) noinline {
  %d = load ptr, ptr %b
  %r = call ptr @realloc(ptr %d, i64 %n)
  store ptr %r, ptr %b
  ret void
}
; REMARK-DAG: remark: <unknown>:0:0: malloc(24) does not escape: starts on stack, moves to heap when grown past 24; guarded 1 free(s) (inlined odr_grow to prove it)
; CHECK-LABEL: define i32 @odr_helper(
; CHECK:         alloca [24 x i8]
; CHECK-NOT:     call void @odr_grow
; CHECK:       ret i32
define i32 @odr_helper(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 24)
  store ptr %p, ptr %b
  call void @odr_grow(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}
; REMARK-DAG: remark: <unknown>:0:0: weak_grow not inlined to grow malloc(32) on the stack: its definition may be replaced at link time
; CHECK-LABEL: define i32 @weak_helper(
; CHECK:         call ptr @malloc(i64 32)
; CHECK:         call void @weak_grow(
define i32 @weak_helper(i64 %k) {
  %b = alloca %struct.sb
  %p = call ptr @malloc(i64 32)
  store ptr %p, ptr %b
  call void @weak_grow(ptr %b, i64 %k)
  %d = load ptr, ptr %b
  %v = load i8, ptr %d
  %x = zext i8 %v to i32
  call void @free(ptr %d)
  ret i32 %x
}
