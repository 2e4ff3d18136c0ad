; A run-time-size allocation whose free is an `invoke` does not get the
; small buffer (the guard around a free splits its block, which an invoke,
; a terminator, cannot be split after): it stays on the heap, and the pass
; neither crashes nor leaves invalid IR.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define void @small_buffer_invoked_free(
; CHECK-NOT:     alloca
; CHECK:         %p = call ptr @malloc(i64 %n)
; CHECK:         invoke void @free(ptr %p)
define void @small_buffer_invoked_free(i64 %n) personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  invoke void @free(ptr %p) to label %ok unwind label %lp
ok:
  ret void
lp:
  %l = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %l
}
