; Missed remarks for objects that do not escape but stay on the heap:
; TooLarge (with Option and Limit), NonConstantSize (Size 'n'), AmbiguousFree, Realloc,
; MustTail, Unsupported.
; RUN: %opt-h2s -passes='heap2stack<max-size=64;small-buffer=0>' -disable-output -pass-remarks-output=%t.yaml %s
; RUN: FileCheck %s < %t.yaml
; RUN: %opt-h2s -passes='heap2stack<max-size=64;small-buffer=0>' -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck %s --check-prefix=TEXT

declare ptr @malloc(i64)
declare ptr @aligned_alloc(i64, i64)
declare ptr @realloc(ptr, i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)
declare i32 @setjmp(ptr) returns_twice
declare ptr addrspace(1) @malloc_as1(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="as1"

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            TooLarge
; CHECK-NEXT: Function:        too_large
; CHECK-NEXT: Args:
; CHECK-NEXT:   - Callee:          malloc
; CHECK-NEXT:   - String:          '('
; CHECK-NEXT:   - Size:            '65'
; CHECK-NEXT:   - String:          ') stays on heap: '
; CHECK-NEXT:   - Reason:          too large for stack
; CHECK-NEXT:   - String:          ' ('
; CHECK-NEXT:   - Option:          max-size
; CHECK-NEXT:   - String:          ' '
; CHECK-NEXT:   - Limit:           '64'
; CHECK-NEXT:   - String:          ')'
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(65) stays on heap: too large for stack (max-size 64){{$}}
define void @too_large() {
  %p = call ptr @malloc(i64 65)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            NonConstantSize
; CHECK-NEXT: Function:        non_constant_size
; CHECK-NEXT: Args:
; CHECK-NEXT:   - Callee:          malloc
; CHECK-NEXT:   - String:          '('
; CHECK-NEXT:   - Size:            n
; CHECK-NEXT:   - String:          ') stays on heap: '
; CHECK-NEXT:   - Reason:          non-constant size
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(n) stays on heap: non-constant size{{$}}
define void @non_constant_size(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Both objects reach the same free: one remark each.
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            AmbiguousFree
; CHECK-NEXT: Function:        ambiguous_free
; CHECK:        - Reason:          ambiguous free
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            AmbiguousFree
; CHECK-NEXT: Function:        ambiguous_free
; CHECK:        - Reason:          ambiguous free
; TEXT-COUNT-2: remark: <unknown>:0:0: malloc(16) stays on heap: ambiguous free{{$}}
define void @ambiguous_free(i1 %c) {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @malloc(i64 16)
  %f = select i1 %c, ptr %p, ptr %q
  call void @free(ptr %f)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Realloc
; CHECK-NEXT: Function:        reallocated
; CHECK:        - Reason:          'realloc''d block escapes'
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) stays on heap: realloc'd block escapes{{$}}
@kept = global ptr null
define void @reallocated() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @realloc(ptr %p, i64 32)
  store ptr %q, ptr @kept
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            MustTail
; CHECK-NEXT: Function:        musttail
; CHECK:        - Reason:          musttail call
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) stays on heap: musttail call{{$}}
define void @musttail(ptr %x) {
  %p = call ptr @malloc(i64 16)
  musttail call void @use(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Unsupported
; CHECK-NEXT: Function:        calls_setjmp
; CHECK:        - Reason:          'function calls setjmp (returns_twice)'
; CHECK-NEXT: ...
; TEXT: remark: <unknown>:0:0: malloc(16) stays on heap: function calls setjmp (returns_twice){{$}}
define void @calls_setjmp(ptr %env) {
  %p = call ptr @malloc(i64 16)
  %r = call i32 @setjmp(ptr %env)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Unsupported
; CHECK-NEXT: Function:        coroutine
; CHECK:        - Reason:          coroutine before splitting
; CHECK-NEXT: ...
define void @coroutine() presplitcoroutine {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Unsupported
; CHECK-NEXT: Function:        variable_alignment
; CHECK:        - Reason:          non-constant alignment
; CHECK-NEXT: ...
define void @variable_alignment(i64 %a) {
  %p = call ptr @aligned_alloc(i64 %a, i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Unsupported
; CHECK-NEXT: Function:        address_space
; CHECK:        - Callee:          malloc_as1
; CHECK:        - Reason:          'address space differs from the stack''s'
; CHECK-NEXT: ...
define void @address_space() {
  %p = call ptr addrspace(1) @malloc_as1(i64 16)
  ret void
}
