; The call-path budget (max-path-bytes, default 32768): each analysed
; function publishes "heap2stack.path", the most promoted bytes (size plus
; alignment) on any path of direct calls starting at it; a caller, analysed
; after its callees, may move only what keeps its own bytes plus its
; callees' most under the budget. Promoted allocas carry
; !heap2stack.promoted, so a buffer the inliner copied into a caller counts
; there.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; A smaller budget, for code on small stacks.
; RUN: %opt-h2s -passes='heap2stack<max-path-bytes=8192>' -S %s | FileCheck --check-prefix=SMALL %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind nocallback memory(argmem: readwrite)

; CHECK-LABEL: define internal void @leaf(
; CHECK-SAME:    #[[LEAF:[0-9]+]]
; CHECK:         alloca [16000 x i8]
; SMALL-LABEL: define internal void @leaf(
; SMALL:         call ptr @malloc(i64 16000)
define internal void @leaf() {
  %p = call ptr @malloc(i64 16000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; 10016 + 16016 fits.
; CHECK-LABEL: define internal void @mid(
; CHECK-SAME:    #[[MID:[0-9]+]]
; CHECK:         alloca [10000 x i8]
; SMALL-LABEL: define internal void @mid(
; SMALL:         call ptr @malloc(i64 10000)
define internal void @mid() {
  %p = call ptr @malloc(i64 10000)
  call void @use(ptr %p)
  call void @leaf()
  call void @free(ptr %p)
  ret void
}

; 8016 + 26032 does not: the path through @mid is full.
; REMARK: malloc(8000) stays on heap: over the call path's stack budget (max-path-bytes 32768)
; CHECK-LABEL: define void @top(
; CHECK-NOT:     alloca [
; CHECK:         call ptr @malloc(i64 8000)
; SMALL-LABEL: define void @top(
; SMALL:         alloca [8000 x i8]
define void @top() {
  %p = call ptr @malloc(i64 8000)
  call void @use(ptr %p)
  call void @mid()
  call void @free(ptr %p)
  ret void
}

; Near miss: the same buffer over @leaf alone fits (8016 + 16016).
; CHECK-LABEL: define void @over_leaf_only(
; CHECK:         alloca [8000 x i8]
define void @over_leaf_only() {
  %p = call ptr @malloc(i64 8000)
  call void @use(ptr %p)
  call void @leaf()
  call void @free(ptr %p)
  ret void
}

; A buffer promoted earlier and inlined here (30000 + 16) counts against
; this frame: 4000 more does not fit.
; REMARK: malloc(4000) stays on heap: over the function's stack budget (max-function-bytes 32768)
; CHECK-LABEL: define void @inlined_buffer_counts(
; CHECK:         call ptr @malloc(i64 4000)
define void @inlined_buffer_counts() {
  %old = alloca [30000 x i8], align 16, !heap2stack.promoted !0
  call void @use(ptr %old)
  %p = call ptr @malloc(i64 4000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the same alloca without the tag is the program's own array.
; CHECK-LABEL: define void @own_array_does_not_count(
; CHECK:         alloca [4000 x i8]
define void @own_array_does_not_count() {
  %old = alloca [30000 x i8], align 16
  call void @use(ptr %old)
  %p = call ptr @malloc(i64 4000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

!0 = !{}

; CHECK-DAG: attributes #[[LEAF]] = { {{.*}}"heap2stack.path"="16016"
; CHECK-DAG: attributes #[[MID]] = { {{.*}}"heap2stack.path"="26032"
