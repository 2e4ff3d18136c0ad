; A pointer printed with %p leaves through its bits: C11 7.21.6.2 lets a
; caller read it back with scanf("%p") and use it. captures(none) here let
; GVN keep a stale value of the caller's local across a write through the
; read-back pointer (issue 14, class 2; runtime test printf-pointer-attr.c).
; The attribute is decided by LLVM's capture semantics, not by the graph's
; printf model, so whatever that model says, nothing is published; nor does
; function-attrs publish anything.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: opt -passes=function-attrs -S %s | FileCheck --check-prefix=FA %s

declare i32 @sprintf(ptr, ptr captures(none), ...)
declare i64 @strlen(ptr captures(none)) nofree nounwind memory(argmem: read)

@fmt.p = private constant [3 x i8] c"%p\00"
@fmt.s = private constant [3 x i8] c"%s\00"

; CHECK-LABEL: define void @show_pointer_not_none(ptr "heap2stack.leaks"=
; FA-LABEL:    define void @show_pointer_not_none(ptr %p,
define void @show_pointer_not_none(ptr %p, ptr %out) {
  %r = call i32 (ptr, ptr, ...) @sprintf(ptr %out, ptr @fmt.p, ptr %p)
  ret void
}

; Even %s, which only reads the string, passes the pointer to a variadic
; parameter LLVM knows nothing about.
; CHECK-LABEL: define void @show_string_not_none(ptr "heap2stack.leaks"=
; FA-LABEL:    define void @show_string_not_none(ptr %p,
define void @show_string_not_none(ptr %p, ptr %out) {
  %r = call i32 (ptr, ptr, ...) @sprintf(ptr %out, ptr @fmt.s, ptr %p)
  ret void
}

; Near miss: a library call whose parameter is captures(none).
; CHECK-LABEL: define i64 @length_none(ptr captures(none) "heap2stack.leaks"=
; FA-LABEL:    define i64 @length_none(ptr readonly captures(none) %p)
define i64 @length_none(ptr %p) {
  %n = call i64 @strlen(ptr %p)
  ret i64 %n
}
