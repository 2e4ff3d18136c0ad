; With -fsemantic-interposition (module flag SemanticInterposition) an
; external definition that is not dso_local may be replaced at run time by
; another object's definition (LD_PRELOAD, or the executable defining the
; same symbol), so its body says nothing about what the call will do, as
; GlobalValue::isInterposable() says. Its summary must not be used; a
; dso_local one may be.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define void @interposable_helper_not_trusted(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 8)
define void @interposable_helper_not_trusted() {
  %p = call ptr @malloc(i64 8)
  %v = call i64 @peek(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @dso_local_helper_promoted(
; CHECK:         %p.h2s = alloca [8 x i8]
define void @dso_local_helper_promoted() {
  %p = call ptr @malloc(i64 8)
  %v = call i64 @peek_local(ptr %p)
  call void @free(ptr %p)
  ret void
}

define i64 @peek(ptr %p) noinline {
  %v = load i64, ptr %p
  ret i64 %v
}

define dso_local i64 @peek_local(ptr %p) noinline {
  %v = load i64, ptr %p
  ret i64 %v
}

!llvm.module.flags = !{!0}
!0 = !{i32 1, !"SemanticInterposition", i32 1}
