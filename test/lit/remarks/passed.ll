; Passed MovedToStack remarks in the YAML record: Callee, Size and, when
; frees were removed, Frees; the small-buffer form adds Limit.
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-output=%t.yaml %s
; RUN: FileCheck %s < %t.yaml
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks=heap2stack %s 2>&1 | FileCheck %s --check-prefix=TEXT

; TEXT:      remark: <unknown>:0:0: malloc(24) does not escape: moved to stack; removed 1 free(s){{$}}
; TEXT-NEXT: remark: <unknown>:0:0: calloc(32) does not escape: moved to stack; removed 2 free(s){{$}}
; TEXT-NEXT: remark: <unknown>:0:0: malloc(8) does not escape: moved to stack{{$}}
; TEXT-NEXT: remark: <unknown>:0:0: malloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s){{$}}
; TEXT-NOT:  remark

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

; CHECK:      --- !Passed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            MovedToStack
; CHECK-NEXT: Function:        one_free
; CHECK-NEXT: Args:
; CHECK-NEXT:   - Callee:          malloc
; CHECK-NEXT:   - String:          '('
; CHECK-NEXT:   - Size:            '24'
; CHECK-NEXT:   - String:          ') does not escape: moved to stack'
; CHECK-NEXT:   - String:          '; removed '
; CHECK-NEXT:   - Frees:           '1'
; CHECK-NEXT:   - String:          ' free(s)'
; CHECK-NEXT: ...
define void @one_free() {
  %p = call ptr @malloc(i64 24)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Two frees on two paths.
; CHECK:      --- !Passed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            MovedToStack
; CHECK-NEXT: Function:        two_frees
; CHECK:        - Callee:          calloc
; CHECK:        - Size:            '32'
; CHECK:        - Frees:           '2'
; CHECK:      ...
define void @two_frees(i1 %c) {
entry:
  %p = call ptr @calloc(i64 4, i64 8)
  call void @use(ptr %p)
  br i1 %c, label %a, label %b
a:
  call void @free(ptr %p)
  ret void
b:
  call void @free(ptr %p)
  ret void
}

; No free: no Frees argument.
; CHECK:      --- !Passed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            MovedToStack
; CHECK-NEXT: Function:        no_free
; CHECK-NEXT: Args:
; CHECK-NEXT:   - Callee:          malloc
; CHECK-NEXT:   - String:          '('
; CHECK-NEXT:   - Size:            '8'
; CHECK-NEXT:   - String:          ') does not escape: moved to stack'
; CHECK-NEXT: ...
define void @no_free() {
  %p = call ptr @malloc(i64 8)
  call void @use(ptr %p)
  ret void
}

; A run-time size gets the small buffer: Size is 'n', Limit the buffer.
; CHECK:      --- !Passed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            MovedToStack
; CHECK-NEXT: Function:        small_buffer
; CHECK-NEXT: Args:
; CHECK-NEXT:   - Callee:          malloc
; CHECK-NEXT:   - String:          '('
; CHECK-NEXT:   - Size:            n
; CHECK-NEXT:   - String:          ') does not escape: moved to stack'
; CHECK-NEXT:   - String:          ' when size <= '
; CHECK-NEXT:   - Limit:           '32'
; CHECK-NEXT:   - String:          '; guarded '
; CHECK-NEXT:   - Frees:           '1'
; CHECK-NEXT:   - String:          ' free(s)'
; CHECK-NEXT: ...
define void @small_buffer(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}
