; Recursion across functions: mutually recursive helpers form one SCC, in
; which arguments flow straight into the callee's parameter locations. An
; object handed to the cycle moves when no function of the cycle keeps it,
; and stays when one of them, however deep, does. Objects allocated inside
; the cycle follow the per-object limit for recursive functions.
; Objects in recursive functions are allowed up to 64 bytes here (the
; default, max-size-recursive=0, moves nothing in them).
; RUN: %opt-h2s -passes='heap2stack<max-size-recursive=64>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack<max-size-recursive=64>)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; even/odd only read through p.
define internal i32 @is_even(ptr %p, i32 %n) noinline {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  %r = call i32 @is_odd(ptr %p, i32 %m)
  ret i32 %r
done:
  %v = load i32, ptr %p
  ret i32 %v
}

define internal i32 @is_odd(ptr %p, i32 %n) noinline {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  %r = call i32 @is_even(ptr %p, i32 %m)
  ret i32 %r
done:
  ret i32 0
}

; ping/pong: pong publishes p at the bottom of the recursion.
define internal void @ping(ptr %p, i32 %n) noinline {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @pong(ptr %p, i32 %m)
  ret void
done:
  ret void
}

define internal void @pong(ptr %p, i32 %n) noinline {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @ping(ptr %p, i32 %m)
  ret void
done:
  store ptr %p, ptr @g
  ret void
}

; down: the pointer comes back out through the recursion's results.
define internal ptr @down(ptr %p, i32 %n) noinline {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  %r = call ptr @down(ptr %p, i32 %m)
  ret ptr %r
done:
  ret ptr %p
}

; CHECK-LABEL: define i32 @mutual_recursion_reader_promoted(
; CHECK:         %p.h2s = alloca [4 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define i32 @mutual_recursion_reader_promoted(i32 %n) {
  %p = call ptr @malloc(i64 4)
  store i32 7, ptr %p
  %r = call i32 @is_even(ptr %p, i32 %n)
  call void @free(ptr %p)
  ret i32 %r
}

; Near miss: the cycle publishes the pointer two calls down.
; CHECK-LABEL: define void @mutual_recursion_keeper_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 4)
define void @mutual_recursion_keeper_escapes(i32 %n) {
  %p = call ptr @malloc(i64 4)
  call void @ping(ptr %p, i32 %n)
  ret void
}

; The result of the recursion is the argument: local use is fine...
; CHECK-LABEL: define void @mutual_recursion_result_local_promoted(
; CHECK:         %p.h2s = alloca [8 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @mutual_recursion_result_local_promoted(i32 %n) {
  %p = call ptr @malloc(i64 8)
  %q = call ptr @down(ptr %p, i32 %n)
  call void @use(ptr %q)
  call void @free(ptr %p)
  ret void
}

; ...publishing the result is not.
; CHECK-LABEL: define void @mutual_recursion_result_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 8)
define void @mutual_recursion_result_to_global_escapes(i32 %n) {
  %p = call ptr @malloc(i64 8)
  %q = call ptr @down(ptr %p, i32 %n)
  store ptr %q, ptr @g
  ret void
}

; --- objects allocated inside the cycle -------------------------------------------

; A list built down the recursion: each level links its node to the
; caller's, and the last level publishes the whole list.
; CHECK-LABEL: define void @linked_down_the_recursion_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %node = call ptr @malloc(i64 16)
define void @linked_down_the_recursion_escapes(ptr %prev, i32 %n) {
  %node = call ptr @malloc(i64 16)
  store ptr %prev, ptr %node
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @linked_down_the_recursion_escapes(ptr %node, i32 %m)
  ret void
done:
  store ptr %node, ptr @g
  ret void
}

; Near miss: the chain is only linked, never published; each level's node moves
; (16 bytes is under the recursive limit).
; CHECK-LABEL: define void @linked_down_the_recursion_kept_local_promoted(
; CHECK:         %node.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @linked_down_the_recursion_kept_local_promoted(ptr %prev, i32 %n) {
  %node = call ptr @malloc(i64 16)
  store ptr %prev, ptr %node
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i32 %n, 1
  call void @linked_down_the_recursion_kept_local_promoted(ptr %node, i32 %m)
  br label %done
done:
  call void @free(ptr %node)
  ret void
}
