; Inline asm that receives a pointer may do anything with it: the pointer
; leaks, and no captures attribute is published (LLVM's capture tracking
; counts it as captured; so does function-attrs). Near miss: asm that
; receives only a value loaded through the pointer.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: opt -passes=function-attrs -S %s | FileCheck --check-prefix=FA %s

; CHECK-LABEL: define void @asm_gets_pointer_not_none(ptr "heap2stack.leaks"="heap=0
; FA-LABEL:    define void @asm_gets_pointer_not_none(ptr %p)
define void @asm_gets_pointer_not_none(ptr %p) {
  call void asm sideeffect "", "r"(ptr %p)
  ret void
}

; CHECK-LABEL: define void @asm_gets_loaded_value_none(ptr captures(none) "heap2stack.leaks"=
; FA-LABEL:    define void @asm_gets_loaded_value_none(ptr readonly captures(none) %p)
define void @asm_gets_loaded_value_none(ptr %p) {
  %v = load i32, ptr %p
  call void asm sideeffect "", "r"(i32 %v)
  ret void
}
