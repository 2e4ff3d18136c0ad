; `*out = p` in the allocating function is reported as stored through a
; pointer (the out-parameter's pointee is modelled as a result, but the
; object is not returned).
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck %s

declare ptr @malloc(i64)

; CHECK: remark: <unknown>:0:0: malloc(16) escapes to heap: stored through a pointer
define void @store_through_out_param(ptr %out) {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %out
  ret void
}
