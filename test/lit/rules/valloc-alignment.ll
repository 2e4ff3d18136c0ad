; valloc guarantees page alignment, but after inferattrs it carries
; allockind("alloc,uninitialized") allocsize(0) with no alignment attribute:
; moved to an `align 16` slot, a program checking `(uintptr_t)p % 4096 == 0`
; would change behaviour (DESIGN.md "Rewrite", "Traps"). Page-aligned allocators (valloc,
; pvalloc) are never moved.
; RUN: %opt-h2s -passes='inferattrs,heap2stack' -S %s | FileCheck %s

declare ptr @valloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define i1 @valloc_page_aligned(
; CHECK-NOT:     alloca [16 x i8], align 16
define i1 @valloc_page_aligned() {
  %p = call ptr @valloc(i64 16)
  %i = ptrtoint ptr %p to i64
  %low = and i64 %i, 4095
  %ok = icmp eq i64 %low, 0
  call void @free(ptr %p)
  ret i1 %ok
}
