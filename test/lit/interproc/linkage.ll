; Only exact definitions have summaries: a weak, linkonce (even _odr) or
; available_externally body may be replaced by another at link time, so the
; caller falls back to the callee's LLVM attributes (none here: the object
; escapes to the "unknown function"). Each is next to an exact definition
; with the same body, whose summary moves the object.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; Summaries are published on exact definitions only: the others keep bare
; parameters.
; CHECK-LABEL: define void @peek_external(ptr {{.*}}"heap2stack.leaks"=
define void @peek_external(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}
; CHECK-LABEL: define internal void @peek_internal(ptr {{.*}}"heap2stack.leaks"=
define internal void @peek_internal(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}
; CHECK-LABEL: define private void @peek_private(ptr {{.*}}"heap2stack.leaks"=
define private void @peek_private(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}
; CHECK-LABEL: define weak void @peek_weak(ptr %p)
define weak void @peek_weak(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}
; CHECK-LABEL: define linkonce_odr void @peek_linkonce_odr(ptr %p)
define linkonce_odr void @peek_linkonce_odr(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}
; CHECK-LABEL: define linkonce void @peek_linkonce(ptr %p)
define linkonce void @peek_linkonce(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}
; CHECK-LABEL: define weak_odr void @peek_weak_odr(ptr %p)
define weak_odr void @peek_weak_odr(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}
; CHECK-LABEL: define available_externally void @peek_available_externally(ptr %p)
define available_externally void @peek_available_externally(ptr %p) noinline {
  call void @use(ptr %p)
  ret void
}

; CHECK-LABEL: define void @external_helper_promoted(
; CHECK:         alloca [16 x i8]
define void @external_helper_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_external(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @internal_helper_promoted(
; CHECK:         alloca [16 x i8]
define void @internal_helper_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_internal(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @private_helper_promoted(
; CHECK:         alloca [16 x i8]
define void @private_helper_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_private(ptr %p)
  call void @free(ptr %p)
  ret void
}

; REMARK-DAG: malloc(16) escapes to heap: passed to unknown function peek_weak
; CHECK-LABEL: define void @weak_helper_not_trusted(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @weak_helper_not_trusted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_weak(ptr %p)
  call void @free(ptr %p)
  ret void
}

; REMARK-DAG: malloc(16) escapes to heap: passed to unknown function peek_linkonce_odr
; CHECK-LABEL: define void @linkonce_odr_helper_not_trusted(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @linkonce_odr_helper_not_trusted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_linkonce_odr(ptr %p)
  call void @free(ptr %p)
  ret void
}

; REMARK-DAG: malloc(16) escapes to heap: passed to unknown function peek_linkonce{{$}}
; CHECK-LABEL: define void @linkonce_helper_not_trusted(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @linkonce_helper_not_trusted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_linkonce(ptr %p)
  call void @free(ptr %p)
  ret void
}

; REMARK-DAG: malloc(16) escapes to heap: passed to unknown function peek_weak_odr
; CHECK-LABEL: define void @weak_odr_helper_not_trusted(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @weak_odr_helper_not_trusted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_weak_odr(ptr %p)
  call void @free(ptr %p)
  ret void
}

; REMARK-DAG: malloc(16) escapes to heap: passed to unknown function peek_available_externally
; CHECK-LABEL: define void @available_externally_helper_not_trusted(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @available_externally_helper_not_trusted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_available_externally(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A weak helper whose declaration-level attributes say enough is still fine:
; the caller uses the attributes, not the body.
; CHECK-LABEL: define void @weak_helper_with_attributes_promoted(
; CHECK:         alloca [16 x i8]
define void @weak_helper_with_attributes_promoted() {
  %p = call ptr @malloc(i64 16)
  call void @peek_weak_attributed(ptr %p)
  call void @free(ptr %p)
  ret void
}
define weak void @peek_weak_attributed(ptr captures(none) %p) noinline nofree nounwind memory(argmem: read) {
  %v = load i8, ptr %p
  ret void
}
