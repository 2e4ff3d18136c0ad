; Unreachable blocks: self-referencing instructions (legal only where no path
; from the entry reaches them), allocations and frees in dead code, and a
; function whose only block after the entry is unreachable.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='inferattrs,heap2stack' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @unknown(ptr)

; CHECK-LABEL: define i32 @dead_cycle_of_geps(
; CHECK:         alloca [16 x i8]
define i32 @dead_cycle_of_geps() {
entry:
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
dead:
  %self = getelementptr i8, ptr %self, i64 1
  %q = call ptr @malloc(i64 8)
  store ptr %self, ptr %q
  call void @unknown(ptr %q)
  br label %dead
}

; The escaping use sits in an unreachable block: it does not run, but it is
; still IR the pass sees. Either verdict is sound; the output must verify.
; CHECK-LABEL: define i32 @escape_in_dead_block(
define i32 @escape_in_dead_block(i1 %c) {
entry:
  %p = call ptr @malloc(i64 16)
  store i32 2, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
dead:
  call void @unknown(ptr %p)
  unreachable
}

; A phi in an unreachable block that names a promoted pointer.
; CHECK-LABEL: define i32 @dead_phi(
define i32 @dead_phi() {
entry:
  %p = call ptr @malloc(i64 16)
  store i32 3, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
d1:
  %x = phi ptr [ %p, %d2 ], [ %x, %d1 ]
  br label %d1
d2:
  br label %d1
}

; CHECK-LABEL: define void @only_unreachable(
; CHECK:         unreachable
define void @only_unreachable() {
entry:
  unreachable
}
