; Missed Escapes remarks: the Reason in Go's words and, for calls, the
; Target callee, as named YAML arguments; the text form says the same.
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-output=%t.yaml %s
; RUN: FileCheck %s < %t.yaml
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck %s --check-prefix=TEXT

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @unknown(ptr)
declare void @may_free(ptr captures(none)) nounwind memory(argmem: readwrite)
declare void @reads(ptr captures(none)) nofree nounwind memory(argmem: read)

@g = global ptr null

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        returned
; CHECK-NEXT: Args:
; CHECK-NEXT:   - Callee:          malloc
; CHECK-NEXT:   - String:          '('
; CHECK-NEXT:   - Size:            '16'
; CHECK-NEXT:   - String:          ') escapes to heap: '
; CHECK-NEXT:   - Reason:          returned
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: returned{{$}}
define ptr @returned() {
  %p = call ptr @malloc(i64 16)
  ret ptr %p
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        stored_to_global
; CHECK:        - Reason:          stored to global
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: stored to global{{$}}
define void @stored_to_global() {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr @g
  ret void
}

; A store through a pointer loaded from unknown memory.
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        stored_through_unknown_pointer
; CHECK:        - Reason:          stored through a pointer
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: stored through a pointer{{$}}
define void @stored_through_unknown_pointer() {
  %p = call ptr @malloc(i64 16)
  %q = load ptr, ptr @g
  store ptr %p, ptr %q
  ret void
}

; The container escapes (passed to unknown), what it holds is "stored into
; escaping object".
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        stored_into_escaping_object
; CHECK:        - Size:            '8'
; CHECK:        - Reason:          passed to unknown function
; CHECK-NEXT:   - String:          ' '
; CHECK-NEXT:   - Target:          unknown
; CHECK-NEXT: ...
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        stored_into_escaping_object
; CHECK:        - Size:            '4'
; CHECK:        - Reason:          stored into escaping object
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(8) escapes to heap: passed to unknown function unknown{{$}}
; TEXT: remark: <unknown>:0:0: malloc(4) escapes to heap: stored into escaping object{{$}}
define void @stored_into_escaping_object() {
  %box = call ptr @malloc(i64 8)
  %p = call ptr @malloc(i64 4)
  store ptr %p, ptr %box
  call void @unknown(ptr %box)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        passed_to_may_free
; CHECK:        - Reason:          'passed to a function that may free it:'
; CHECK-NEXT:   - String:          ' '
; CHECK-NEXT:   - Target:          may_free
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: passed to a function that may free it: may_free{{$}}
define void @passed_to_may_free() {
  %p = call ptr @malloc(i64 16)
  call void @may_free(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        contents_leaked
; CHECK:        - Size:            '16'
; CHECK:        - Reason:          contents leaked by call to
; CHECK-NEXT:   - String:          ' '
; CHECK-NEXT:   - Target:          reads
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: contents leaked by call to reads{{$}}
define void @contents_leaked() {
  %box = call ptr @malloc(i64 8)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @reads(ptr %box)
  call void @free(ptr %box)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        indirect_call
; CHECK:        - Reason:          passed to indirect call or inline asm
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: passed to indirect call or inline asm{{$}}
define void @indirect_call(ptr %fp) {
  %p = call ptr @malloc(i64 16)
  call void %fp(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        inline_asm
; CHECK:        - Reason:          passed to indirect call or inline asm
; CHECK-NEXT: ...
define void @inline_asm() {
  %p = call ptr @malloc(i64 16)
  call void asm sideeffect "", "r"(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        outlives_loop_iteration
; CHECK:        - Reason:          outlives loop iteration
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: outlives loop iteration{{$}}
define void @outlives_loop_iteration(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %prev = phi ptr [ null, %entry ], [ %p, %loop ]
  %p = call ptr @malloc(i64 16)
  store ptr %prev, ptr %p
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; The address as an integer (ptrtoaddr, new in LLVM 22, like ptrtoint).
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        address_to_integer
; CHECK:        - Reason:          'address exposed: converted to integer'
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) escapes to heap: address exposed: converted to integer{{$}}
define i64 @address_to_integer() {
  %p = call ptr @malloc(i64 16)
  %a = ptrtoaddr ptr %p to i64
  ret i64 %a
}

; free(c ? p : param): the free may get memory of unknown origin.
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: Function:        freed_with_unknown
; CHECK:        - Reason:          freed together with memory of unknown origin
; CHECK-NEXT: ...
define void @freed_with_unknown(i1 %c, ptr %other) {
  %p = call ptr @malloc(i64 16)
  %f = select i1 %c, ptr %p, ptr %other
  call void @free(ptr %f)
  ret void
}
