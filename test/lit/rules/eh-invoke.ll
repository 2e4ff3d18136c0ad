; Exceptions: an `invoke` of operator new becomes a branch to its normal
; destination (the unwind block loses that predecessor and its phi entries);
; cleanups that delete the object are deleted with it; landingpad values
; point to unknown memory.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack -verify-each -disable-output %s

declare i32 @__gxx_personality_v0(...)
declare nonnull ptr @_Znwm(i64) nobuiltin allocsize(0)
declare void @_ZdlPvm(ptr, i64) nobuiltin nounwind
declare ptr @malloc(i64)
declare void @free(ptr)
declare void @may_throw()
declare void @may_throw_with(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare void @use_i32(i32)

; CHECK-LABEL: define void @invoke_new_becomes_branch(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK-NEXT:    call void @llvm.lifetime.start.p0(ptr %p.h2s)
; CHECK-NEXT:    br label %ok
; CHECK:       ok:
; CHECK-NEXT:    call void @use(ptr %p.h2s)
; CHECK-NOT:     invoke
define void @invoke_new_becomes_branch() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
          to label %ok unwind label %lpad
ok:
  call void @use(ptr %p)
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; Near miss: the invoked new escapes; the invoke stays.
; CHECK-LABEL: define ptr @invoke_new_returned_stays(
; CHECK-NOT:     alloca [
; CHECK:         %p = invoke noalias nonnull ptr @_Znwm(i64 16)
define ptr @invoke_new_returned_stays() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
          to label %ok unwind label %lpad
ok:
  ret ptr %p
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; The landing pad is shared with another invoke and has a phi: the entry for
; the block that no longer unwinds there goes (the phi left with one entry
; folds away).
; CHECK-LABEL: define void @invoke_new_shared_landing_pad_phi_fixed(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p.h2s = alloca [16 x i8], align 16
; CHECK:         br label %ok
; CHECK:       lpad: {{.*}}; preds = %ok{{$}}
; CHECK-NOT:     phi
; CHECK:         call void @use_i32(i32 1)
; CHECK-NOT:     call void @_ZdlPvm
define void @invoke_new_shared_landing_pad_phi_fixed() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
          to label %ok unwind label %lpad
ok:
  call void @use(ptr %p)
  invoke void @may_throw() to label %done unwind label %lpad
done:
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  ret void
lpad:
  %state = phi i32 [ 0, %entry ], [ 1, %ok ]
  %lp = landingpad { ptr, i32 } cleanup
  call void @use_i32(i32 %state)
  resume { ptr, i32 } %lp
}

; A cleanup that deletes the object on the exception path: both deletes go.
; CHECK-LABEL: define void @cleanup_delete_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK:       cleanup:
; CHECK-NEXT:    %lp = landingpad
; CHECK-NEXT:    cleanup
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p.h2s)
; CHECK-NEXT:    resume
; CHECK-NOT:     call void @_ZdlPvm
define void @cleanup_delete_promoted() personality ptr @__gxx_personality_v0 {
entry:
  %p = call noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
  call void @use(ptr %p)
  invoke void @may_throw() to label %done unwind label %cleanup
done:
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  ret void
cleanup:
  %lp = landingpad { ptr, i32 } cleanup
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  resume { ptr, i32 } %lp
}

; Near miss: the object is passed to the throwing call.
; CHECK-LABEL: define void @invoke_receives_object_escapes(
; CHECK-NOT:     alloca [
; CHECK:         call noalias nonnull ptr @_Znwm(i64 16)
define void @invoke_receives_object_escapes() personality ptr @__gxx_personality_v0 {
entry:
  %p = call noalias nonnull ptr @_Znwm(i64 16) builtin allocsize(0)
  invoke void @may_throw_with(ptr %p) to label %done unwind label %cleanup
done:
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  ret void
cleanup:
  %lp = landingpad { ptr, i32 } cleanup
  call void @_ZdlPvm(ptr %p, i64 16) builtin nounwind
  resume { ptr, i32 } %lp
}

; --- landingpad values ---------------------------------------------------------

; The exception object is unknown memory: storing p there publishes it.
; CHECK-LABEL: define void @store_into_exception_object_escapes(
; CHECK-NOT:     alloca [
; CHECK:         %p = call ptr @malloc(i64 16)
define void @store_into_exception_object_escapes() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @malloc(i64 16)
  invoke void @may_throw() to label %done unwind label %lpad
done:
  call void @free(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } catch ptr null
  %exn = extractvalue { ptr, i32 } %lp, 0
  store ptr %p, ptr %exn
  resume { ptr, i32 } %lp
}

; Near miss: the exception pointer is stored into the object instead.
; CHECK-LABEL: define void @exception_pointer_into_object_promoted(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK-NOT:     call ptr @malloc
define void @exception_pointer_into_object_promoted() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @malloc(i64 16)
  invoke void @may_throw() to label %done unwind label %lpad
done:
  call void @free(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } catch ptr null
  %exn = extractvalue { ptr, i32 } %lp, 0
  store ptr %exn, ptr %p
  call void @free(ptr %p)
  resume { ptr, i32 } %lp
}

; A free made by `invoke` goes too, and becomes a branch.
; CHECK-LABEL: define void @invoked_free_becomes_branch(
; CHECK:         %p.h2s = alloca [16 x i8], align 16
; CHECK:         call void @llvm.lifetime.end.p0(ptr %p.h2s)
; CHECK-NEXT:    br label %ok
; CHECK-NOT:     invoke
; CHECK:       lp: {{.*}}; No predecessors!
define void @invoked_free_becomes_branch() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  invoke void @free(ptr %p) to label %ok unwind label %lp
ok:
  ret void
lp:
  %l = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %l
}
