; The frame budget of recursive functions (max-size-recursive, default 0:
; nothing moves in them): every level of a recursion gets its own copy of a
; promoted object, and C stacks do not grow, so functions that call
; themselves or belong to a call cycle promote at most that many bytes per
; frame, counting size plus alignment like max-function-bytes. The DEFAULT
; prefix below checks a budget of 96; the real default behaves like ZERO.
; An object over it: a Missed TooLarge remark naming max-size-recursive;
; objects that together go over it: Budget. The same objects in a function
; that is not recursive move. (@use promises nocallback: no recursion
; through code outside the module here.)
; RUN: %opt-h2s -passes='heap2stack<max-size-recursive=96>' -S %s | FileCheck --check-prefixes=CHECK,DEFAULT %s
; RUN: %opt-h2s -passes='cgscc(heap2stack<max-size-recursive=96>)' -S %s | FileCheck --check-prefixes=CHECK,DEFAULT %s
; RUN: %opt-h2s -passes='heap2stack<max-size-recursive=96>' -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck --check-prefixes=CHECK,ZERO %s
; RUN: %opt-h2s -passes='heap2stack<max-size-recursive=256>' -S %s | FileCheck --check-prefixes=CHECK,RAISED %s
; RUN: %opt-h2s -passes='heap2stack<max-size-recursive=0;small-buffer=0>' -S %s | FileCheck --check-prefixes=CHECK,ZERO %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind nocallback memory(argmem: read)

; --- a function that calls itself -------------------------------------------------

; REMARK: remark: <unknown>:0:0: malloc(65) stays on heap: over a recursive function's frame budget (max-size-recursive 96)
; CHECK-LABEL:   define void @self_recursive(
; DEFAULT:         %small.h2s = alloca [64 x i8], align 16
; DEFAULT-NOT:     %big.h2s = alloca
; DEFAULT:         %big = call ptr @malloc(i64 65)
; RAISED-DAG:      %small.h2s = alloca [64 x i8], align 16
; RAISED-DAG:      %big.h2s = alloca [65 x i8], align 16
; ZERO-NOT:        alloca [
; ZERO:            %small = call ptr @malloc(i64 64)
define void @self_recursive(i32 %n) {
  %small = call ptr @malloc(i64 64)
  %big = call ptr @malloc(i64 65)
  call void @use(ptr %small)
  call void @use(ptr %big)
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @self_recursive(i32 %m)
  br label %done
done:
  call void @free(ptr %small)
  call void @free(ptr %big)
  ret void
}

; Near miss: the same objects, no recursion: both move (max-size applies).
; CHECK-LABEL:   define void @not_recursive(
; CHECK-DAG:       %small.h2s = alloca [64 x i8], align 16
; CHECK-DAG:       %big.h2s = alloca [65 x i8], align 16
define void @not_recursive(i32 %n) {
  %small = call ptr @malloc(i64 64)
  %big = call ptr @malloc(i64 65)
  call void @use(ptr %small)
  call void @use(ptr %big)
  call void @free(ptr %small)
  call void @free(ptr %big)
  ret void
}

; --- mutually recursive functions -------------------------------------------------

; REMARK-DAG: remark: <unknown>:0:0: malloc(200) stays on heap: too large for a recursive function (max-size-recursive 96)
; REMARK-DAG: remark: <unknown>:0:0: malloc(4096) stays on heap: too large for a recursive function (max-size-recursive 96)
; CHECK-LABEL:   define void @mutual_a(
; DEFAULT-NOT:     alloca [
; DEFAULT:         %a = call ptr @malloc(i64 200)
; RAISED:          %a.h2s = alloca [200 x i8], align 16
define void @mutual_a(i32 %n) {
  %a = call ptr @malloc(i64 200)
  call void @use(ptr %a)
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @mutual_b(i32 %m)
  br label %done
done:
  call void @free(ptr %a)
  ret void
}

; CHECK-LABEL:   define void @mutual_b(
; DEFAULT:         %tiny.h2s = alloca [16 x i8], align 16
; DEFAULT-NOT:     %b.h2s = alloca
; DEFAULT:         %b = call ptr @malloc(i64 4096)
; RAISED:          %b = call ptr @malloc(i64 4096)
define void @mutual_b(i32 %n) {
  %tiny = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 4096)
  call void @use(ptr %tiny)
  call void @use(ptr %b)
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @mutual_a(i32 %m)
  br label %done
done:
  call void @free(ptr %tiny)
  call void @free(ptr %b)
  ret void
}

; A function that only calls into the cycle is not part of it.
; CHECK-LABEL:   define void @calls_the_cycle(
; CHECK:           %a.h2s = alloca [4096 x i8], align 16
define void @calls_the_cycle(i32 %n) {
  %a = call ptr @malloc(i64 4096)
  call void @use(ptr %a)
  call void @mutual_a(i32 %n)
  call void @free(ptr %a)
  ret void
}
