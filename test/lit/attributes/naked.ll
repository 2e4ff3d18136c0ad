; A naked function's IR is not its code: its assembly may store the
; parameter anywhere while the IR never uses it. LLVM's inference skips
; naked functions, and heap2stack makes no summary for them at all (no
; leak tags, no stamp, no captures), so a caller judges a call to one by
; its attributes and the object stays on the heap (issue 14, class 2).
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: opt -passes=function-attrs -S %s | FileCheck --check-prefix=FA %s

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK-LABEL: define void @naked_stash(ptr %p)
; CHECK-SAME:    #[[NAKED:[0-9]+]]
; FA-LABEL:    define void @naked_stash(ptr %p)
define void @naked_stash(ptr %p) naked noinline {
  call void asm sideeffect "movq %rdi, stash(%rip); ret", ""()
  unreachable
}

; CHECK-LABEL: define void @passed_to_naked_escapes(
; CHECK:         call ptr @malloc(i64 8)
define void @passed_to_naked_escapes() {
  %p = call ptr @malloc(i64 8)
  call void @naked_stash(ptr %p)
  ret void
}

; Near miss: the same body without `naked` is summarised, gets
; captures(none) as function-attrs gives it, and the object moves.
; CHECK-LABEL: define void @plain_ignores(ptr captures(none) "heap2stack.leaks"="none"
; FA-LABEL:    define void @plain_ignores(ptr readnone captures(none) %p)
define void @plain_ignores(ptr %p) noinline {
  call void asm sideeffect "", ""()
  ret void
}

; CHECK-LABEL: define void @passed_to_plain_promoted(
; CHECK:         alloca [8 x i8]
; CHECK-NOT:     call ptr @malloc
define void @passed_to_plain_promoted() {
  %p = call ptr @malloc(i64 8)
  call void @plain_ignores(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK: attributes #[[NAKED]] = { naked noinline{{( "heap2stack\.(path|recurses)"="[0-9]+")*}} }
