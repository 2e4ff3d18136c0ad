; An arena allocator whose free takes the arena first: arena_free(arena, p).
; With free=arena_free:ptr=1 the block p is the freed argument: the block
; moves and its free goes, while the arena is an ordinary argument of code
; we cannot see (it escapes, and is never taken for freed). With the default
; ptr=0 the spec does not fit: the block sits in a non-freed position, so it
; is an ordinary argument too, escapes and stays on the heap.
; RUN: %opt-h2s -passes='heap2stack<alloc=arena_alloc:size=1:free=arena_free:ptr=1>' -S %s | FileCheck --check-prefixes=CHECK,PTR1 %s
; RUN: %opt-h2s -passes='heap2stack<alloc=arena_alloc:size=1:free=arena_free:ptr=1>' -disable-output -pass-remarks=heap2stack -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK %s
; RUN: %opt-h2s -passes='heap2stack<alloc=arena_alloc:size=1:free=arena_free>' -S %s | FileCheck --check-prefixes=CHECK,PTR0 %s
; RUN: %opt-h2s -passes='heap2stack<alloc=arena_alloc:size=1:free=arena_free>' -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck --check-prefix=REMARK0 %s

declare ptr @arena_alloc(ptr, i64)
declare void @arena_free(ptr, ptr)
declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@main_arena = global [64 x i8] zeroinitializer

; REMARK: remark: <unknown>:0:0: arena_alloc(24) does not escape: moved to stack; removed 1 free(s)
; REMARK0: remark: <unknown>:0:0: arena_alloc(24) escapes to heap: passed to unknown function arena_free
; CHECK-LABEL:  define void @arena_block_freed_by_ptr1(
; PTR1:           %p.h2s = alloca [24 x i8], align 16
; PTR1-NOT:       call ptr @arena_alloc
; PTR1:           call void @llvm.lifetime.end.p0(ptr %p.h2s)
; PTR1-NOT:       call void @arena_free
; PTR0-NOT:       alloca [
; PTR0:           %p = call ptr @arena_alloc(ptr %arena, i64 24)
; PTR0:           call void @arena_free(ptr %arena, ptr %p)
define void @arena_block_freed_by_ptr1(ptr %arena) {
  %p = call ptr @arena_alloc(ptr %arena, i64 24)
  call void @use(ptr %p)
  call void @arena_free(ptr %arena, ptr %p)
  ret void
}

; The arena is itself a local heap object: the allocator and the free may
; keep it (a back-pointer in the block's header, a list of live arenas), so
; it stays on the heap, under either spec. Before ptr=I, the arena was taken
; for the freed block: moved to the stack, and its arena_free deleted.
; REMARK: remark: <unknown>:0:0: malloc(64) escapes to heap: passed to unknown function arena_alloc
; REMARK: remark: <unknown>:0:0: arena_alloc(16) does not escape: moved to stack; removed 1 free(s)
; CHECK-LABEL:  define void @local_arena_escapes_into_allocator(
; PTR1:           %p.h2s = alloca [16 x i8], align 16
; CHECK:          %a = call ptr @malloc(i64 64)
; PTR1-NOT:       call void @arena_free
; PTR0:           %p = call ptr @arena_alloc(ptr %a, i64 16)
; PTR0:           call void @arena_free(ptr %a, ptr %p)
define void @local_arena_escapes_into_allocator() {
  %a = call ptr @malloc(i64 64)
  %p = call ptr @arena_alloc(ptr %a, i64 16)
  call void @use(ptr %p)
  call void @arena_free(ptr %a, ptr %p)
  ret void
}

; Near miss: the same local object only read by @use, never handed to the
; allocator: it moves.
; CHECK-LABEL:  define void @local_object_not_given_to_allocator(
; CHECK:          %a.h2s = alloca [64 x i8], align 16
; CHECK-NOT:      call ptr @malloc
define void @local_object_not_given_to_allocator() {
  %a = call ptr @malloc(i64 64)
  call void @use(ptr %a)
  call void @free(ptr %a)
  ret void
}

; The arena argument of the free alone is enough to escape: arena_free's
; code gets it like any unknown function. Under ptr=0 it is taken for the
; freed block, but it is malloc's, not arena_alloc's: a free of another
; allocator's block does what we cannot see, and it stays too.
; REMARK: remark: <unknown>:0:0: malloc(64) escapes to heap: passed to unknown function arena_free
; REMARK0: remark: <unknown>:0:0: malloc(64) escapes to heap: passed to a function that may free it: arena_free
; CHECK-LABEL:  define void @local_arena_given_to_free_escapes(
; CHECK-NOT:      alloca [
; CHECK:          %a = call ptr @malloc(i64 64)
; CHECK:          call void @arena_free(ptr %a, ptr %p)
define void @local_arena_given_to_free_escapes() {
  %a = call ptr @malloc(i64 64)
  call void @use(ptr %a)
  %p = call ptr @arena_alloc(ptr @main_arena, i64 16)
  store ptr %p, ptr @main_arena
  call void @arena_free(ptr %a, ptr %p)
  ret void
}

; The block also passed in the arena's position: that argument is an
; ordinary one, and the block escapes through it.
; CHECK-LABEL:  define void @block_also_passed_as_arena_escapes(
; CHECK-NOT:      alloca [
; CHECK:          %p = call ptr @arena_alloc(ptr @main_arena, i64 16)
; CHECK:          call void @arena_free(ptr %p, ptr %p)
define void @block_also_passed_as_arena_escapes() {
  %p = call ptr @arena_alloc(ptr @main_arena, i64 16)
  call void @use(ptr %p)
  call void @arena_free(ptr %p, ptr %p)
  ret void
}

; A call of the free that has no argument 1 is not the declared free: an
; unknown call, which the block escapes to.
; CHECK-LABEL:  define void @free_call_without_ptr_arg_is_unknown(
; PTR1-NOT:       alloca [
; PTR1:           call void @arena_free(ptr %p)
define void @free_call_without_ptr_arg_is_unknown() {
  %p = call ptr @arena_alloc(ptr @main_arena, i64 16)
  call void @use(ptr %p)
  call void @arena_free(ptr %p)
  ret void
}

; A non-constant size: the small buffer, and the free is guarded by a
; comparison of its block argument (not the arena) with the buffer.
; CHECK-LABEL:  define void @arena_small_buffer_guards_block_arg(
; PTR1:           %p.h2s = alloca [32 x i8], align 16
; PTR1:           %h2s.onheap = icmp ne ptr %h2s.p, %p.h2s
; PTR1:           call void @arena_free(ptr %arena, ptr %h2s.p)
; PTR0-NOT:       alloca [
define void @arena_small_buffer_guards_block_arg(ptr %arena, i64 %n) {
  %p = call ptr @arena_alloc(ptr %arena, i64 %n)
  call void @use(ptr %p)
  call void @arena_free(ptr %arena, ptr %p)
  ret void
}

; Each free gives back only its own allocator's blocks: a malloc block
; handed to the declared free, and an arena block handed to free(), stay on
; the heap.
; REMARK: remark: <unknown>:0:0: malloc(16) escapes to heap: passed to a function that may free it: arena_free
; REMARK: remark: <unknown>:0:0: arena_alloc(16) escapes to heap: passed to a function that may free it: free
; CHECK-LABEL:  define void @malloc_block_to_arena_free_escapes(
; CHECK-NOT:      alloca [
; CHECK:          %p = call ptr @malloc(i64 16)
; CHECK:          call void @arena_free(ptr @main_arena, ptr %p)
define void @malloc_block_to_arena_free_escapes() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @arena_free(ptr @main_arena, ptr %p)
  ret void
}

; CHECK-LABEL:  define void @arena_block_to_free_escapes(
; CHECK-NOT:      alloca [
; CHECK:          %p = call ptr @arena_alloc(ptr @main_arena, i64 16)
; CHECK:          call void @free(ptr %p)
define void @arena_block_to_free_escapes() {
  %p = call ptr @arena_alloc(ptr @main_arena, i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Near miss: the same arena block handed to its own free moves.
; CHECK-LABEL:  define void @arena_block_to_arena_free_moves(
; PTR1:           %p.h2s = alloca [16 x i8], align 16
; PTR1-NOT:       call void @arena_free
define void @arena_block_to_arena_free_moves() {
  %p = call ptr @arena_alloc(ptr @main_arena, i64 16)
  call void @use(ptr %p)
  call void @arena_free(ptr @main_arena, ptr %p)
  ret void
}
