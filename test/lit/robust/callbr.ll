; callbr (asm goto): a terminator that is a call. An object passed to the asm
; escapes (inline asm is opaque); one that is only used around the callbr may
; move, and the result must verify.
; RUN: %opt-h2s -passes=heap2stack -verify-each -S %s | FileCheck %s
; RUN: %opt-h2s -passes='inferattrs,heap2stack' -verify-each -disable-output %s

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define i32 @asm_goto_operand_escapes(
; CHECK:         call ptr @malloc(i64 16)
; CHECK:         callbr void asm
define i32 @asm_goto_operand_escapes() {
entry:
  %p = call ptr @malloc(i64 16)
  store i32 5, ptr %p
  callbr void asm "", "r,!i"(ptr %p) to label %normal [label %indirect]
normal:
  %v = load i32, ptr %p
  ret i32 %v
indirect:
  ret i32 0
}

; CHECK-LABEL: define i32 @asm_goto_beside_local(
; CHECK:         callbr void asm
define i32 @asm_goto_beside_local(i32 %x) {
entry:
  %p = call ptr @malloc(i64 16)
  store i32 %x, ptr %p
  callbr void asm "", "!i"() to label %normal [label %indirect]
normal:
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
indirect:
  call void @free(ptr %p)
  ret i32 -1
}

; The allocation is in the indirect destination of the callbr.
; CHECK-LABEL: define i32 @alloc_in_indirect_dest(
define i32 @alloc_in_indirect_dest() {
entry:
  callbr void asm "", "!i"() to label %normal [label %indirect]
normal:
  ret i32 0
indirect:
  %q = call ptr @malloc(i64 4)
  store i32 9, ptr %q
  %v = load i32, ptr %q
  call void @free(ptr %q)
  ret i32 %v
}
