; A summary never outlives the interface it speaks of (issue 14, class 4).
; IPSCCP folds @pick's pointer parameter into the constant every caller
; passes and DeadArgElim removes it; the old "heap2stack.ret"="params" would
; then say that the result points nowhere, and a store of a fresh object
; through it would vanish from the graph. Each summary carries a stamp of
; the parameter list and result it was computed for; a reader drops one
; whose stamp differs, and a function the next run skips loses its marks.
;
; A second run as a module pass (the helper, now without pointer
; parameters, is skipped and forgets its summary), or as a function pass
; whose callers come first (they find the stamp changed):
; RUN: %opt-h2s -passes='heap2stack,ipsccp,deadargelim,heap2stack' -S %s | FileCheck --check-prefixes=CHECK,GONE %s
; RUN: %opt-h2s -passes='heap2stack,ipsccp,deadargelim,function(heap2stack)' -S %s | FileCheck --check-prefixes=CHECK,GONE %s
; IPSCCP alone: the parameter stays but the body no longer reads it.
; RUN: %opt-h2s -passes='heap2stack,ipsccp,function(heap2stack)' -S %s | FileCheck --check-prefixes=CHECK,FOLDED %s
; Through bitcode (as in full LTO, where summaries are written at compile
; time and read at link time): the stamp survives the round trip, so the
; near misses still move, and still catches the change.
; RUN: %opt-h2s -passes=heap2stack %s -o %t.bc
; RUN: %opt-h2s -passes='ipsccp,deadargelim,function(heap2stack)' -S %t.bc | FileCheck --check-prefixes=CHECK,GONE %s
; Unchanged interface, changed body (InstCombine): the summary stays true and
; stays in use.
; RUN: %opt-h2s -passes='heap2stack,instcombine,function(heap2stack)' -S %s | FileCheck --check-prefixes=CHECK,KEPT %s
; The stamp is 16 hex digits.
; RUN: %opt-h2s -passes=heap2stack -S %s | FileCheck --check-prefix=STAMP %s

declare ptr @malloc(i64)
declare void @free(ptr)
declare void @use(ptr captures(none)) nofree nounwind memory(argmem: read)

@slots = internal global [2 x ptr] zeroinitializer

; --- the issue's reproducer, caller first ------------------------------------

; CHECK-LABEL: define void @publish_through_folded_result_escapes(
; CHECK-NOT:     alloca [4 x i8]
; CHECK:         %p = call ptr @malloc(i64 4)
define void @publish_through_folded_result_escapes(i1 %c, i32 %v) {
  %p = call ptr @malloc(i64 4)
  store i32 %v, ptr %p
  %s = call ptr @pick(ptr @slots, i1 %c)
  store ptr %p, ptr %s
  ret void
}

; The run that skips @pick (no pointer parameter, no call) drops its marks.
; GONE-LABEL:   define internal ptr @pick(i1 %second)
; GONE-SAME:      #[[PICK:[0-9]+]]
; FOLDED-LABEL: define internal ptr @pick(ptr {{.*}}%base, i1 %second)
define internal ptr @pick(ptr %base, i1 %second) noinline {
  %q = getelementptr i8, ptr %base, i64 8
  %r = select i1 %second, ptr %q, ptr %base
  ret ptr %r
}

; --- near miss: a helper no pass changes keeps its summary -------------------

; @first is called with different arguments, so IPSCCP folds nothing. The
; object is stored only into a local box: it moves in every pipeline.
; CHECK-LABEL: define void @store_through_unchanged_helper_promoted(
; CHECK:         %p.h2s = alloca [4 x i8]
; CHECK-NOT:     call ptr @malloc
define void @store_through_unchanged_helper_promoted(ptr %other) {
  %box = alloca ptr
  %p = call ptr @malloc(i64 4)
  %s = call ptr @first(ptr %box, ptr %other)
  store ptr %p, ptr %s
  %v = load ptr, ptr %box
  call void @use(ptr %v)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define void @other_caller(
define void @other_caller(ptr %a, ptr %b) {
  %s = call ptr @first(ptr %b, ptr %a)
  call void @use(ptr %s)
  ret void
}

; KEPT-LABEL: define internal ptr @first(ptr
; KEPT-NEXT:    ret ptr %a
define internal ptr @first(ptr %a, ptr %b) noinline {
  %q = getelementptr i8, ptr %a, i64 0
  ret ptr %q
}

; --- summaries without a stamp that fits -----------------------------------------

; Written by an older heap2stack ("1"), or with a stamp of another interface:
; neither is read (runs that analyse the helper first replace them anyway).
; CHECK-LABEL: define void @unstamped_summary_ignored_escapes(
; CHECK:         %p = call ptr @malloc(i64 4)
; CHECK:         %q = call ptr @malloc(i64 4)
define void @unstamped_summary_ignored_escapes() {
  %p = call ptr @malloc(i64 4)
  %s = call ptr @unstamped()
  store ptr %p, ptr %s
  %q = call ptr @malloc(i64 4)
  %t = call ptr @misstamped()
  store ptr %q, ptr %t
  ret void
}

@elsewhere = global ptr null
define internal ptr @unstamped() noinline "heap2stack.summary"="1" "heap2stack.ret"="params" {
  ret ptr @elsewhere
}
define internal ptr @misstamped() noinline "heap2stack.summary"="0123456789abcdef" "heap2stack.ret"="params" {
  ret ptr @elsewhere
}

; --- ArgPromotion keeps the type but changes the meaning ----------------------

; @keep_loaded leaks what its parameter points to ("heap=1"). After
; ArgPromotion the parameter is the loaded pointer itself, which leaks at
; level 0; the mark stays with the old parameter, which is gone, and the new
; one has none, so the object stays on the heap.
; RUN: %opt-h2s -passes='heap2stack,cgscc(argpromotion),function(heap2stack)' -S %s | FileCheck --check-prefix=ARGPROMO %s
; ARGPROMO-LABEL: define void @leaked_after_argpromotion_escapes(
; ARGPROMO:         %p = call ptr @malloc(i64 4)
; ARGPROMO-LABEL: define internal void @keep_loaded(ptr
; ARGPROMO-NOT:     "heap2stack.leaks"="heap=1
; ARGPROMO-SAME:    {
@kept = global ptr null
define void @leaked_after_argpromotion_escapes() {
  %h = alloca ptr
  %p = call ptr @malloc(i64 4)
  store ptr %p, ptr %h
  call void @keep_loaded(ptr %h)
  ret void
}

define internal void @keep_loaded(ptr %holder) noinline {
  %b = load ptr, ptr %holder
  store ptr %b, ptr @kept
  ret void
}

; GONE: attributes #[[PICK]] = { noinline{{( "heap2stack\.(path|recurses)"="[0-9]+")*}} }
; STAMP: attributes #{{[0-9]+}} = { {{.*}}"heap2stack.summary"="{{[0-9a-f]+}}"
