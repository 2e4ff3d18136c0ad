; Summaries survive passes that remove parameters: the marks travel with
; their parameters, so after DeadArgElim drops a dead parameter in front of
; an out-parameter, "heap2stack.out"="2" still names the right parameter
; (now the first), and a leak to a result whose parameter is gone would be a
; heap leak. A second run, as a module pass (which re-analyses the helpers
; first) or as a function pass over callers placed before their helpers,
; must not move an object the helper publishes. The function pass finds the
; helpers' summaries stale (their parameter lists changed, so the stamps
; differ: stale-summaries.ll) and judges them by their attributes, so there
; the near miss stays on the heap too.
; RUN: %opt-h2s -passes='heap2stack<max-size=0>,deadargelim,heap2stack' -S %s | FileCheck --check-prefixes=CHECK,MOD %s
; RUN: %opt-h2s -passes='heap2stack<max-size=0>,deadargelim,function(heap2stack)' -S %s | FileCheck --check-prefixes=CHECK,FN %s
; RUN: %opt-h2s -passes='heap2stack,deadargelim,heap2stack' -S %s | FileCheck --check-prefixes=CHECK,MOD %s
; RUN: %opt-h2s -passes='heap2stack<max-size=0>,deadargelim,heap2stack' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; --- a dead parameter in front of the out-parameter ----------------------------

; CHECK-LABEL: define void @dead_param_out_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @set_after_dead(ptr @g, ptr %p)
define void @dead_param_out_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @set_after_dead(ptr null, ptr @g, ptr %p)
  ret void
}

; CHECK-LABEL: define void @dead_param_out_to_local_box_promoted(
; MOD:           %p.h2s = alloca [16 x i8], align 16
; MOD-NOT:       call ptr @malloc
; MOD:           call void @set_after_dead(ptr %box, ptr %p.h2s)
; FN:            %p = call ptr @malloc(i64 16)
; FN:            call void @set_after_dead(ptr %box, ptr %p)
define void @dead_param_out_to_local_box_promoted() {
  %box = alloca ptr
  %p = call ptr @malloc(i64 16)
  call void @set_after_dead(ptr null, ptr %box, ptr %p)
  %v = load ptr, ptr %box
  call void @use(ptr %v)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define internal void @set_after_dead(
; CHECK-SAME:    "heap2stack.out"={{"[12]"}} %out,
; CHECK-SAME:    "heap2stack.leaks"="{{(mut=0 )?}}res{{[12]}}=0"
define internal void @set_after_dead(ptr %dead, ptr %out, ptr %p) noinline {
  store ptr %p, ptr %out
  ret void
}

; --- the fourth pointer parameter becomes the third -------------------------------

; Before DeadArgElim %out is the fourth pointer parameter, so p leaks to the
; heap; afterwards it is the third. Neither reading may move p when the out
; parameter is a global.
; CHECK-LABEL: define void @shifted_out_to_global_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @shifted_out_to_global_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @set_fourth(ptr null, ptr null, ptr null, ptr @g, ptr %p)
  ret void
}

define internal void @set_fourth(ptr %dead, ptr %a, ptr %b, ptr %out, ptr %p) noinline {
  call void @use(ptr %a)
  call void @use(ptr %b)
  store ptr %p, ptr %out
  ret void
}

; --- a dead return value ----------------------------------------------------------

; The helper publishes p and returns it; nobody uses the result, so
; DeadArgElim makes it return void. The heap leak is still there.
; CHECK-LABEL: define void @dead_result_still_published_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
; CHECK:         call void @publish_and_return(ptr %p)
define void @dead_result_still_published_escapes() {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @publish_and_return(ptr %p)
  ret void
}

; CHECK-LABEL: define internal void @publish_and_return(
define internal ptr @publish_and_return(ptr %p) noinline {
  store ptr %p, ptr @g
  ret ptr %p
}

; Near miss: a helper that only returns its argument, whose result is dead:
; the object moves.
; CHECK-LABEL: define void @dead_result_identity_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @dead_result_identity_promoted() {
  %p = call ptr @malloc(i64 16)
  %r = call ptr @identity(ptr %p)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

define internal ptr @identity(ptr %p) noinline {
  ret ptr %p
}
