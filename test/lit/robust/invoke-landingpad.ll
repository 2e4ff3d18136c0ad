; Itanium EH: allocations around invoke, a landingpad that frees, a cleanup
; that resumes, and a pointer that flows out through the landingpad's value.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -verify-each -disable-output %s

declare ptr @_Znwm(i64)
declare void @_ZdlPv(ptr)
declare void @may_throw()
declare void @take(ptr)
declare i32 @__gxx_personality_v0(...)
declare ptr @__cxa_begin_catch(ptr)
declare void @__cxa_end_catch()

; A new'd object deleted on both the normal and the unwind path.
; CHECK-LABEL: define i32 @deleted_on_both_paths(
define i32 @deleted_on_both_paths() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @_Znwm(i64 8)
  store i32 4, ptr %p
  invoke void @may_throw() to label %ok unwind label %lp
ok:
  %v = load i32, ptr %p
  call void @_ZdlPv(ptr %p)
  ret i32 %v
lp:
  %e = landingpad { ptr, i32 } cleanup
  call void @_ZdlPv(ptr %p)
  resume { ptr, i32 } %e
}

; The object is passed to an invoked unknown function: it escapes.
; CHECK-LABEL: define void @invoked_with_pointer(
; CHECK:         call ptr @_Znwm(i64 8)
define void @invoked_with_pointer() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @_Znwm(i64 8)
  invoke void @take(ptr %p) to label %ok unwind label %lp
ok:
  ret void
lp:
  %e = landingpad { ptr, i32 } catch ptr null
  %x = extractvalue { ptr, i32 } %e, 0
  %c = call ptr @__cxa_begin_catch(ptr %x)
  call void @__cxa_end_catch()
  ret void
}

; The allocation itself is an invoke (operator new may throw).
; CHECK-LABEL: define i32 @invoked_new(
define i32 @invoked_new() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 16) to label %ok unwind label %lp
ok:
  store i32 6, ptr %p
  %v = load i32, ptr %p
  call void @_ZdlPv(ptr %p)
  ret i32 %v
lp:
  %e = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %e
}

; A pointer loaded from the exception object is unknown memory; storing a
; local object into it publishes the object.
; CHECK-LABEL: define void @stored_into_exception(
; CHECK:         call ptr @_Znwm(i64 8)
define void @stored_into_exception() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @_Znwm(i64 8)
  invoke void @may_throw() to label %ok unwind label %lp
ok:
  call void @_ZdlPv(ptr %p)
  ret void
lp:
  %e = landingpad { ptr, i32 } catch ptr null
  %x = extractvalue { ptr, i32 } %e, 0
  %c = call ptr @__cxa_begin_catch(ptr %x)
  store ptr %p, ptr %c
  call void @__cxa_end_catch()
  ret void
}
