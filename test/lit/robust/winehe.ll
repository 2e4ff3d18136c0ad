; Windows EH funclets: catchswitch, catchpad, cleanuppad and their rets. The
; pass must keep funclet operand bundles and pads valid (allocas only in the
; entry block, no new instructions before a pad).
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -verify-each -disable-output %s

target triple = "x86_64-pc-windows-msvc"

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @may_throw()
declare void @take(ptr)
declare i32 @__CxxFrameHandler3(...)

; An object freed in the cleanup funclet and on the normal path.
; CHECK-LABEL: define i32 @freed_in_cleanup(
; CHECK:         cleanuppad within none []
define i32 @freed_in_cleanup() personality ptr @__CxxFrameHandler3 {
entry:
  %p = call ptr @malloc(i64 8)
  store i32 3, ptr %p
  invoke void @may_throw() to label %ok unwind label %cleanup
ok:
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
cleanup:
  %cp = cleanuppad within none []
  call void @free(ptr %p) [ "funclet"(token %cp) ]
  cleanupret from %cp unwind to caller
}

; An allocation inside a catch funclet.
; CHECK-LABEL: define i32 @alloc_in_catch(
; CHECK:         catchswitch within none
define i32 @alloc_in_catch() personality ptr @__CxxFrameHandler3 {
entry:
  invoke void @may_throw() to label %ok unwind label %dispatch
ok:
  ret i32 0
dispatch:
  %cs = catchswitch within none [label %catch] unwind to caller
catch:
  %pad = catchpad within %cs [ptr null, i32 64, ptr null]
  %q = call ptr @malloc(i64 16) [ "funclet"(token %pad) ]
  store i32 7, ptr %q
  %v = load i32, ptr %q
  call void @free(ptr %q) [ "funclet"(token %pad) ]
  catchret from %pad to label %after
after:
  ret i32 %v
}

; Passed to an unknown function inside a catch funclet: escapes.
; CHECK-LABEL: define void @escapes_in_catch(
; CHECK:         call ptr @malloc(i64 16)
define void @escapes_in_catch() personality ptr @__CxxFrameHandler3 {
entry:
  %p = call ptr @malloc(i64 16)
  invoke void @may_throw() to label %ok unwind label %dispatch
ok:
  call void @free(ptr %p)
  ret void
dispatch:
  %cs = catchswitch within none [label %catch] unwind to caller
catch:
  %pad = catchpad within %cs [ptr null, i32 64, ptr null]
  call void @take(ptr %p) [ "funclet"(token %pad) ]
  catchret from %pad to label %after
after:
  ret void
}
