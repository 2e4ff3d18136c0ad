; A buffer moved to a helper's stack must not be inlined into a recursive
; caller, where every level of the recursion would carry it (LLVM inlines
; static allocas of up to 1 KiB into recursive callers). Calls to the helper
; from functions that are recursive, or may be inlined into one, become
; noinline; other calls stay inlinable.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck %s
; RUN: %opt-h2s -passes='cgscc(heap2stack)' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='function(heap2stack)' -S %s | FileCheck %s
; The whole point: after the inliner, the recursive caller has no buffer.
; RUN: %opt-h2s -passes='cgscc(heap2stack),cgscc(inline)' -S %s | FileCheck --check-prefix=INLINE %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: readwrite)

; CHECK-LABEL: define internal void @helper(
; CHECK:         alloca [1000 x i8]
define internal void @helper() {
  %p = call ptr @malloc(i64 1000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @recursive_caller(
; CHECK:         call void @helper() #[[NOINLINE:[0-9]+]]
; INLINE-LABEL: define void @recursive_caller(
; INLINE-NOT:    alloca
; INLINE:        call void @helper()
; INLINE-LABEL: define void @plain_caller(
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

; Near miss: nothing recursive above this caller, so the call stays
; inlinable (and the inliner may copy the buffer here).
; CHECK-LABEL: define void @plain_caller(
; CHECK:         call void @helper(){{$}}
; INLINE:        alloca [1000 x i8]
define void @plain_caller() {
  call void @helper()
  ret void
}

; Not recursive itself, but called from a recursive function, into which
; the inliner may copy it together with the helper.
; CHECK-LABEL: define internal void @middle(
; CHECK:         call void @helper() #[[NOINLINE]]
define internal void @middle() {
  call void @helper()
  ret void
}

; CHECK-LABEL: define void @recursive_grandparent(
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
; CHECK-LABEL: define void @ping(
; CHECK:         call void @helper() #[[NOINLINE]]
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

; Near miss: it calls a recursive function, but that recursion never
; comes back here, so this frame is not repeated and the call stays
; inlinable.
; CHECK-LABEL: define void @above_other_recursion(
; CHECK:         call void @helper(){{$}}
define void @above_other_recursion(i32 %n) {
  call void @helper()
  call void @countdown(i32 %n)
  ret void
}
define void @countdown(i32 %n) {
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  call void @countdown(i32 %m)
  br label %done
done:
  ret void
}

; An indirect call below the caller (two calls down) may lead back to it.
; CHECK-LABEL: define void @above_indirect_call(
; CHECK:         call void @helper() #[[NOINLINE]]
define void @above_indirect_call(ptr %f) {
  call void @helper()
  call void @calls_pointer(ptr %f)
  ret void
}
define void @calls_pointer(ptr %f) {
  call void @calls_pointer_2(ptr %f)
  ret void
}
define void @calls_pointer_2(ptr %f) {
  call void %f()
  ret void
}

; Near miss: inline assembly is not a call into unknown code.
; CHECK-LABEL: define void @above_inline_asm(
; CHECK:         call void @helper(){{$}}
define void @above_inline_asm() {
  call void @helper()
  call void @asm_only()
  ret void
}
define void @asm_only() {
  call void asm sideeffect "nop", ""()
  ret void
}

; CHECK: attributes #[[NOINLINE]] = { noinline }
