; Published summaries: after its SCC is solved, each exact definition gets
; "heap2stack.summary"="<stamp>" (16 hex digits, see stale-summaries.ll), each pointer-carrying parameter its Go leaks as
; "heap2stack.leaks" (heap, mut, call, resK: minimum derefs; "none" when it
; leaks nowhere), and the first three pointer parameters "heap2stack.out"="k"
; (their pointee is result k). The same facts come out as ParamLeak analysis
; remarks in Go's words.
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -S %s | FileCheck %s
; RUN: %opt-h2s -passes='heap2stack<unseen-recursion=0>' -disable-output -pass-remarks-output=%t.yaml -pass-remarks-filter=heap2stack %s
; RUN: FileCheck --check-prefix=YAML %s < %t.yaml

declare void @free(ptr)
@g = global ptr null

; CHECK-LABEL: define i1 @null_test_does_not_escape(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="none" "heap2stack.out"="1" %p)
; CHECK-SAME:    [[SUMMARY:#[0-9]+]]
; YAML:      --- !Analysis
; YAML-NEXT: Pass:            heap2stack
; YAML-NEXT: Name:            ParamLeak
; YAML-NEXT: Function:        null_test_does_not_escape
; YAML-NEXT: Args:
; YAML-NEXT:   - Param:           p
; YAML-NEXT:   - String:          ': '
; YAML-NEXT:   - Summary:         p does not escape
define i1 @null_test_does_not_escape(ptr %p) {
  %c = icmp eq ptr %p, null
  ret i1 %c
}

; CHECK-LABEL: define void @stored_to_global_leaks(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="heap=0{{[^"]*}}" "heap2stack.out"="1" %p)
; YAML-LABEL: Function:        stored_to_global_leaks
; YAML:         - Summary:         'leaking param: p'
define void @stored_to_global_leaks(ptr %p) {
  store ptr %p, ptr @g
  ret void
}

; CHECK-LABEL: define void @content_to_global_leaks_content(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="heap=1{{[^"]*}}" "heap2stack.out"="1" %p)
; YAML-LABEL: Function:        content_to_global_leaks_content
; YAML:         - Summary:         'leaking param content: p'
define void @content_to_global_leaks_content(ptr %p) {
  %q = load ptr, ptr %p
  store ptr %q, ptr @g
  ret void
}

; A free of the caller's memory is a heap leak: the caller must keep it.
; CHECK-LABEL: define void @freed_leaks(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="heap=0{{[^"]*}}" "heap2stack.out"="1" %p)
; YAML-LABEL: Function:        freed_leaks
; YAML:         - Summary:         'leaking param: p'
define void @freed_leaks(ptr %p) {
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: define ptr @identity_leaks_to_result(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="res0=0" "heap2stack.out"="1" %p)
; YAML-LABEL: Function:        identity_leaks_to_result
; YAML:         - Summary:         'leaking param: p to result ~r0 level=0'
define ptr @identity_leaks_to_result(ptr %p) {
  ret ptr %p
}

; The pointer at bytes 0..8 of *p is returned (a field path, DESIGN.md
; "Fields"): level 1, through that field only.
; CHECK-LABEL: define ptr @loaded_leaks_to_result_level1(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="f0+8=0" "heap2stack.out"="1" %p)
; YAML-LABEL: Function:        loaded_leaks_to_result_level1
; YAML:         - Summary:         'leaking param content: p+0 (8 bytes) to result ~r0 level=1'
define ptr @loaded_leaks_to_result_level1(ptr %p) {
  %q = load ptr, ptr %p
  ret ptr %q
}

; Two parameters, one result.
; CHECK-LABEL: define ptr @either_leaks_to_result(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="res0=0" "heap2stack.out"="1" %a,
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="res0=0" "heap2stack.out"="2" %b,
; CHECK-SAME:    i1 %c)
define ptr @either_leaks_to_result(ptr %a, ptr %b, i1 %c) {
  %r = select i1 %c, ptr %a, ptr %b
  ret ptr %r
}

; *out = p: out is written through (mutator), p leaks to result 1.
; CHECK-LABEL: define void @store_out(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="mut=0" "heap2stack.out"="1" %out,
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="{{(mut=0 )?}}res1=0" "heap2stack.out"="2" %p)
; YAML-LABEL: Function:        store_out
; YAML:         - Summary:         out does not escape
; YAML-LABEL: Function:        store_out
; YAML:         - Summary:         'leaking param: p to result ~r1 level=0'
define void @store_out(ptr %out, ptr %p) {
  store ptr %p, ptr %out
  ret void
}

; The third pointer parameter is the last out-parameter...
; CHECK-LABEL: define void @store_through_third(
; CHECK-SAME:    "heap2stack.out"="3" %o3,
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="{{(mut=0 )?}}res3=0" %p)
; YAML-LABEL: Function:        store_through_third
; YAML:         - Summary:         'leaking param: p to result ~r3 level=0'
define void @store_through_third(ptr %o1, ptr %o2, ptr %o3, ptr %p) {
  store ptr %p, ptr %o3
  ret void
}

; ...a store through the fourth is a heap leak, and it gets no out mark.
; CHECK-LABEL: define void @store_through_fourth(
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="mut=0" %o4,
; CHECK-SAME:    ptr {{.*}}"heap2stack.leaks"="heap=0{{[^"]*}}" %p)
define void @store_through_fourth(ptr %o1, ptr %o2, ptr %o3, ptr %o4, ptr %p) {
  store ptr %p, ptr %o4
  ret void
}

; Integers and floating point values may carry pointers too.
; CHECK-LABEL: define i64 @integer_leaks_to_result(
; CHECK-SAME:    i64 "heap2stack.leaks"="res0=0" %x)
define i64 @integer_leaks_to_result(i64 %x) {
  ret i64 %x
}

; CHECK-LABEL: define void @integer_to_pointer_leaks(
; CHECK-SAME:    i64 "heap2stack.leaks"="heap=0{{[^"]*}}" %x)
define void @integer_to_pointer_leaks(i64 %x) {
  %p = inttoptr i64 %x to ptr
  store ptr %p, ptr @g
  ret void
}

; Not an exact definition: no summary at all.
; CHECK-LABEL: define weak void @weak_has_no_summary(ptr %p)
define weak void @weak_has_no_summary(ptr %p) {
  ret void
}

; CHECK: attributes [[SUMMARY]] = { {{.*}}"heap2stack.summary"="{{[0-9a-f]+}}"
