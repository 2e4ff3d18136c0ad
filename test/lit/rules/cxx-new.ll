; C++ operator new/delete (issue 2, item 4): new-expressions (call sites
; marked `builtin`) may be moved, in every mangled variant; a direct call to
; ::operator new (declaration `nobuiltin`, no `builtin` at the call) is
; observable and never touched. Recognised with or without inferattrs.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='inferattrs,heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -verify-each -disable-output %s

@_ZSt7nothrow = external global i8

declare nonnull ptr @_Znwm(i64) nobuiltin allocsize(0)
declare nonnull ptr @_Znam(i64) nobuiltin allocsize(0)
declare ptr @_ZnwmRKSt9nothrow_t(i64, ptr) nobuiltin nounwind allocsize(0)
declare nonnull ptr @_ZnwmSt11align_val_t(i64, i64) nobuiltin allocsize(0)
declare nonnull ptr @_ZnamSt11align_val_t(i64, i64) nobuiltin allocsize(0)
declare void @_ZdlPv(ptr) nobuiltin nounwind
declare void @_ZdlPvm(ptr, i64) nobuiltin nounwind
declare void @_ZdaPv(ptr) nobuiltin nounwind
declare void @_ZdlPvmSt11align_val_t(ptr, i64, i64) nobuiltin nounwind
declare void @_ZdaPvSt11align_val_t(ptr, i64) nobuiltin nounwind
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @unknown(ptr)

; `new S; delete s` with sized delete.
; CHECK-LABEL: define void @new_delete_sized_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call {{.*}}@_Znwm
; CHECK-NOT:     call void @_ZdlPvm
; CHECK:         ret void
define void @new_delete_sized_promoted() {
  %p = call noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
  call void @use(ptr %p)
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  ret void
}

; Near miss: the same allocation escapes.
; CHECK-LABEL: define void @new_passed_to_unknown_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call noalias nonnull ptr @_Znwm(i64 16)
define void @new_passed_to_unknown_escapes() {
  %p = call noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
  call void @unknown(ptr %p)
  ret void
}

; A direct call to ::operator new: not `builtin` at the call site.
; CHECK-LABEL: define void @direct_operator_new_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         %p = call noalias nonnull ptr @_Znwm(i64 16)
; CHECK:         call void @_ZdlPv(ptr %p)
define void @direct_operator_new_not_touched() {
  %p = call noalias nonnull ptr @_Znwm(i64 16) allocsize(0)
  call void @use(ptr %p)
  call void @_ZdlPv(ptr %p) nounwind
  ret void
}

; A new-expression whose object is released by a direct ::operator delete
; call (not builtin): the delete is an ordinary call that may free it.
; CHECK-LABEL: define void @direct_operator_delete_keeps_new(
; CHECK-NOT:     alloca [
; CHECK:         call noalias nonnull ptr @_Znwm(i64 16)
; CHECK:         call void @_ZdlPv(ptr %p)
define void @direct_operator_delete_keeps_new() {
  %p = call noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
  call void @use(ptr %p)
  call void @_ZdlPv(ptr %p) nounwind
  ret void
}

; new[] / delete[].
; CHECK-LABEL: define void @new_array_delete_array_promoted(
; CHECK:         %p.h2s = alloca [32 x i8], align 16
; CHECK-NOT:     call {{.*}}@_Znam
; CHECK-NOT:     call void @_ZdaPv
; CHECK:         ret void
define void @new_array_delete_array_promoted() {
  %p = call noalias nonnull ptr @_Znam(i64 32) builtin allocsize(0)
  call void @use(ptr %p)
  call void @_ZdaPv(ptr %p) builtin nounwind
  ret void
}

; new (std::nothrow).
; CHECK-LABEL: define void @nothrow_new_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call {{.*}}@_ZnwmRKSt9nothrow_t
; CHECK-NOT:     call void @_ZdlPvm
; CHECK:         ret void
define void @nothrow_new_promoted() {
  %p = call noalias ptr @_ZnwmRKSt9nothrow_t(i64 16, ptr @_ZSt7nothrow) builtin nounwind allocsize(0)
  call void @use(ptr %p)
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  ret void
}

; Aligned new keeps its alignment argument.
; CHECK-LABEL: define void @aligned_new_promoted_align64(
; CHECK:         %p.h2s = alloca [64 x i8], align 64
; CHECK-NOT:     call {{.*}}@_ZnwmSt11align_val_t
; CHECK-NOT:     call void @_ZdlPvmSt11align_val_t
; CHECK:         ret void
define void @aligned_new_promoted_align64() {
  %p = call noalias nonnull align 64 ptr @_ZnwmSt11align_val_t(i64 64, i64 64) builtin allocsize(0)
  call void @use(ptr %p)
  call void @_ZdlPvmSt11align_val_t(ptr %p, i64 64, i64 64) builtin nounwind
  ret void
}

; Aligned new[] of 128 bytes at 128.
; CHECK-LABEL: define void @aligned_new_array_promoted_align128(
; CHECK:         %p.h2s = alloca [256 x i8], align 128
; CHECK-NOT:     call {{.*}}@_ZnamSt11align_val_t
; CHECK:         ret void
define void @aligned_new_array_promoted_align128() {
  %p = call noalias nonnull ptr @_ZnamSt11align_val_t(i64 256, i64 128) builtin allocsize(0)
  call void @use(ptr %p)
  call void @_ZdaPvSt11align_val_t(ptr %p, i64 128) builtin nounwind
  ret void
}

; Near miss: a direct call to aligned ::operator new.
; CHECK-LABEL: define void @direct_aligned_operator_new_not_touched(
; CHECK-NOT:     alloca [
; CHECK:         call noalias nonnull ptr @_ZnwmSt11align_val_t(i64 64, i64 64)
define void @direct_aligned_operator_new_not_touched() {
  %p = call noalias nonnull ptr @_ZnwmSt11align_val_t(i64 64, i64 64) allocsize(0)
  call void @use(ptr %p)
  call void @_ZdlPvmSt11align_val_t(ptr %p, i64 64, i64 64) builtin nounwind
  ret void
}

; A new-expression with a run-time size (new T[n]) gets Go 1.25's small
; buffer: the stack when n fits, operator new[] otherwise.
; CHECK-LABEL: define void @new_array_variable_size_small_buffer(
; CHECK:         alloca [32 x i8], align 16
; CHECK:         icmp ule i64 %n, 32
; CHECK:         call noalias nonnull ptr @_Znam(i64 %n)
; CHECK:         icmp ne ptr
; CHECK:         call void @_ZdaPv(
define void @new_array_variable_size_small_buffer(i64 %n) {
  %p = call noalias nonnull ptr @_Znam(i64 %n) builtin allocsize(0)
  call void @use(ptr %p)
  call void @_ZdaPv(ptr %p) builtin nounwind
  ret void
}
