; An allocator whose size parameter is wider than 64 bits (i128 here,
; declared through allocator attributes) with a run-time size gets no small
; buffer (the fits check is built on 64-bit sizes): it stays on the heap as
; NonConstantSize, and the IR stays valid.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s

declare ptr @my_alloc(i128) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="m"
declare void @my_free(ptr allocptr) allockind("free") "alloc-family"="m"

; CHECK-LABEL: define void @wide_runtime_size(
; CHECK-NOT:     zext i128 %n to i64
; CHECK:         call ptr @my_alloc(i128 %n)
define void @wide_runtime_size(i128 %n) {
  %p = call ptr @my_alloc(i128 %n)
  call void @my_free(ptr %p)
  ret void
}
