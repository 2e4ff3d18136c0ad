; A buffer moved to a helper's stack must not be inlined into a recursive
; caller, where every level of the recursion would carry it (LLVM inlines
; static allocas of up to 1 KiB into recursive callers, and any size into
; callers it does not see as recursive). The guard is on the function, not
; on call sites, so that it survives later inlining and LTO: every function
; that may recurse (stack.c) gets "inline-max-stacksize" (the larger
; recursive frame budget, 128 by default), and the inliner then refuses
; callees with more allocas than that. Other functions stay unmarked.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='function(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes=heap2stack-guard -S %s | FileCheck --check-prefix=GUARD %s
; The whole point: after the inliner, the recursive callers have no buffer.
; RUN: %opt-h2s -passes='cgscc(heap2stack),cgscc(inline)' -S %s | FileCheck --check-prefix=INLINE %s
; The guard follows the recursive frame budgets.
; RUN: %opt-h2s -passes='heap2stack<max-size-may-recurse=64;max-size-recursive=512>' -S %s | FileCheck --check-prefix=RAISED %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind nocallback memory(argmem: readwrite)

; CHECK-LABEL: define internal void @helper(
; CHECK:         alloca [1000 x i8]
; GUARD-LABEL: define internal void @helper(
; GUARD-SAME:    #[[LEAF:[0-9]+]]
define internal void @helper() {
  %p = call ptr @malloc(i64 1000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; GUARD-LABEL: define void @recursive_caller(
; GUARD-SAME:    #[[REC:[0-9]+]]
; INLINE-LABEL: define void @recursive_caller(
; INLINE-NOT:    alloca
; INLINE:        call void @helper()
; INLINE-LABEL: define void @plain_caller(
; RAISED-LABEL: define void @recursive_caller(
; RAISED-SAME:    #[[RAISEDREC:[0-9]+]]
define void @recursive_caller(i32 %n) {
  call void @helper()
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  call void @recursive_caller(i32 %m)
  br label %done
done:
  ret void
}

; Near miss: nothing recursive here, so the helper stays inlinable (and the
; inliner copies the buffer here, once).
; GUARD-LABEL: define void @plain_caller(
; GUARD-SAME:    #[[LEAF]]
; INLINE:        alloca [1000 x i8]
define void @plain_caller() {
  call void @helper()
  ret void
}

; Not recursive itself, but called from a recursive function: the inliner
; may copy the helper here, and then this function, whose allocas are over
; the guard, is not copied into the recursive one.
; GUARD-LABEL: define internal void @middle(
; GUARD-SAME:    #[[LEAF]]
; INLINE-LABEL: define void @recursive_grandparent(
; INLINE-NOT:    alloca
; INLINE:        call void @middle()
define internal void @middle() {
  call void @helper()
  ret void
}

; GUARD-LABEL: define void @recursive_grandparent(
; GUARD-SAME:    #[[REC]]
define void @recursive_grandparent(i32 %n) {
  call void @middle()
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  call void @recursive_grandparent(i32 %m)
  br label %done
done:
  ret void
}

; Mutual recursion counts too.
; GUARD-LABEL: define void @ping(
; GUARD-SAME:    #[[REC]]
define void @ping(i32 %n) {
  call void @helper()
  %m = sub i32 %n, 1
  call void @pong(i32 %m)
  ret void
}
define void @pong(i32 %n) {
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  call void @ping(i32 %n)
  br label %done
done:
  ret void
}

; Near miss: it calls a recursive function, but that recursion never comes
; back here, so this frame is not repeated.
; GUARD-LABEL: define void @above_other_recursion(
; GUARD-SAME:    #[[LEAF]]
define void @above_other_recursion(i32 %n) {
  call void @helper()
  call void @countdown(i32 %n)
  ret void
}
define internal void @countdown(i32 %n) {
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  call void @countdown(i32 %m)
  br label %done
done:
  ret void
}

; An indirect call below it (two calls down) may lead back to it: it is
; visible outside the module, and outside code may call it (it may recurse
; through code the pass cannot see).
; GUARD-LABEL: define void @above_indirect_call(
; GUARD-SAME:    #[[MAY:[0-9]+]]
define void @above_indirect_call(ptr %f) {
  call void @helper()
  call void @calls_pointer(ptr %f)
  ret void
}
define internal void @calls_pointer(ptr %f) {
  call void @calls_pointer_2(ptr %f)
  ret void
}
define internal void @calls_pointer_2(ptr %f) {
  call void %f()
  ret void
}

; Near miss: inline assembly is not a call into unknown code.
; GUARD-LABEL: define void @above_inline_asm(
; GUARD-SAME:    #[[LEAF]]
define void @above_inline_asm() {
  call void @helper()
  call void @asm_only()
  ret void
}
define internal void @asm_only() {
  call void asm sideeffect "nop", ""()
  ret void
}

; GUARD-DAG: attributes #[[LEAF]] = { {{.*}}"heap2stack.recurses"="0"
; GUARD-DAG: attributes #[[REC]] = { {{.*}}"heap2stack.recurses"="2"{{.*}}"inline-max-stacksize"="128"
; GUARD-DAG: attributes #[[MAY]] = { {{.*}}"heap2stack.recurses"="1"{{.*}}"inline-max-stacksize"="128"
; RAISED: attributes #[[RAISEDREC]] = { {{.*}}"inline-max-stacksize"="512"
