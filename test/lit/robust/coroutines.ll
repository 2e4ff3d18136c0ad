; Coroutine intrinsics in a presplitcoroutine function: allocations in a
; coroutine may live in the coroutine frame across suspends, so the pass must
; leave them alone (Unsupported) and keep the IR valid, including after
; coro-split has run.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack,coro-early,cgscc(coro-split),heap2stack' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare token @llvm.coro.id(i32, ptr, ptr, ptr)
declare i64 @llvm.coro.size.i64()
declare ptr @llvm.coro.begin(token, ptr)
declare i8 @llvm.coro.suspend(token, i1)
declare ptr @llvm.coro.free(token, ptr)
declare void @llvm.coro.end(ptr, i1, token)
declare void @use(i32)

; CHECK-LABEL: define ptr @coro(
; CHECK:         call ptr @malloc(i64 16)
define ptr @coro(i32 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 0, ptr null, ptr null, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %alloc = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %alloc)
  %obj = call ptr @malloc(i64 16)
  store i32 %n, ptr %obj
  %s = call i8 @llvm.coro.suspend(token none, i1 false)
  switch i8 %s, label %suspend [i8 0, label %resume
                                i8 1, label %cleanup]
resume:
  %v = load i32, ptr %obj
  call void @use(i32 %v)
  br label %cleanup
cleanup:
  call void @free(ptr %obj)
  %mem = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %mem)
  br label %suspend
suspend:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

; A plain function next to it is still handled.
; CHECK-LABEL: define i32 @plain_neighbour(
; CHECK:         alloca [16 x i8]
define i32 @plain_neighbour() {
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}
