; Analysis EscapeFlow: Go's -m=2 explanation, one Flow/Step pair per edge
; from the object to the root it escapes to; each Step carries the source
; location of its instruction, the remark that of the allocation.
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-output=%t.yaml %s
; RUN: FileCheck %s < %t.yaml
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-analysis=heap2stack %s 2>&1 | FileCheck %s --check-prefix=TEXT
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-missed=heap2stack %s 2>&1 | FileCheck %s --check-prefix=NOFLOW

declare ptr @malloc(i64)
declare void @free(ptr)

@g = global ptr null

; list.c:
;   10  struct box *b = malloc(16);
;   11  int *v = malloc(4);
;   12  b->val = v;
;   13  g = b;
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: DebugLoc:        { File: list.c, Line: 10, Column: 19 }
; CHECK-NEXT: Function:        publish
; CHECK:        - Reason:          stored to global
; CHECK:      --- !Analysis
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            EscapeFlow
; CHECK-NEXT: DebugLoc:        { File: list.c, Line: 10, Column: 19 }
; CHECK-NEXT: Function:        publish
; CHECK-NEXT: Args:
; CHECK-NEXT:   - Callee:          malloc
; CHECK-NEXT:   - String:          '('
; CHECK-NEXT:   - Size:            '16'
; CHECK-NEXT:   - String:          ') escapes to heap:'
; CHECK-NEXT:   - Flow:            "\n  flow: {%b} <- &{storage for malloc(16)}"
; CHECK-NEXT:   - String:          "\n    from "
; CHECK-NEXT:   - Step:            call
; CHECK-NEXT:     DebugLoc:        { File: list.c, Line: 10, Column: 19 }
; CHECK-NEXT:   - String:          ' at list.c:10:19'
; CHECK-NEXT:   - Flow:            "\n  flow: {globals} <- {%b}"
; CHECK-NEXT:   - String:          "\n    from "
; CHECK-NEXT:   - Step:            store
; CHECK-NEXT:     DebugLoc:        { File: list.c, Line: 13, Column: 5 }
; CHECK-NEXT:   - String:          ' at list.c:13:5'
; CHECK-NEXT: ...
; The object stored into the escaping box: two steps to the box.
; CHECK:      --- !Missed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            Escapes
; CHECK-NEXT: DebugLoc:        { File: list.c, Line: 11, Column: 12 }
; CHECK-NEXT: Function:        publish
; CHECK:        - Reason:          stored into escaping object
; CHECK:      --- !Analysis
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            EscapeFlow
; CHECK-NEXT: DebugLoc:        { File: list.c, Line: 11, Column: 12 }
; CHECK-NEXT: Function:        publish
; CHECK:        - Flow:            "\n  flow: {%v} <- &{storage for malloc(4)}"
; CHECK-NEXT:   - String:          "\n    from "
; CHECK-NEXT:   - Step:            call
; CHECK-NEXT:     DebugLoc:        { File: list.c, Line: 11, Column: 12 }
; CHECK-NEXT:   - String:          ' at list.c:11:12'
; CHECK-NEXT:   - Flow:            "\n  flow: {storage for malloc(16)}.+0 <- {%v}"
; CHECK-NEXT:   - String:          "\n    from "
; CHECK-NEXT:   - Step:            store
; CHECK-NEXT:     DebugLoc:        { File: list.c, Line: 12, Column: 10 }
; CHECK:        - Flow:            "\n  flow: {storage for malloc(16)} <- {storage for malloc(16)}.+0"
; CHECK-NEXT:   - String:          "\n    from "
; CHECK-NEXT:   - Step:            field

; TEXT:      remark: list.c:10:19: malloc(16) escapes to heap:{{$}}
; TEXT-NEXT:   flow: {%b} <- &{storage for malloc(16)}
; TEXT-NEXT:     from call
; TEXT-NEXT:   flow: {globals} <- {%b}
; TEXT-NEXT:     from store
; TEXT:      remark: list.c:11:12: malloc(4) escapes to heap:{{$}}
; TEXT-NEXT:   flow: {%v} <- &{storage for malloc(4)}
; TEXT-NEXT:     from call
; TEXT-NEXT:   flow: {storage for malloc(16)}.+0 <- {%v}
; TEXT-NEXT:     from store
; TEXT-NEXT:   flow: {storage for malloc(16)} <- {storage for malloc(16)}.+0
; TEXT-NEXT:     from field

; Without analysis remarks there is no explanation.
; NOFLOW:     remark: list.c:10:19: malloc(16) escapes to heap: stored to global
; NOFLOW-NOT: flow:
define void @publish() !dbg !5 {
  %b = call ptr @malloc(i64 16), !dbg !8
  %v = call ptr @malloc(i64 4), !dbg !9
  store ptr %v, ptr %b, !dbg !10
  store ptr %b, ptr @g, !dbg !11
  ret void, !dbg !12
}

; A promoted object gets no EscapeFlow.
; CHECK-NOT:  Name:            EscapeFlow
; CHECK:      --- !Passed
; CHECK-NEXT: Pass:            heap2stack
; CHECK-NEXT: Name:            MovedToStack
; CHECK-NEXT: DebugLoc:        { File: list.c, Line: 20, Column: 12 }
; CHECK-NEXT: Function:        local
; CHECK-NOT:  Name:            EscapeFlow
define void @local() !dbg !13 {
  %p = call ptr @malloc(i64 8), !dbg !14
  call void @free(ptr %p), !dbg !15
  ret void, !dbg !15
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "hand", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "list.c", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "publish", scope: !1, file: !1, line: 9, type: !6, scopeLine: 9, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 10, column: 19, scope: !5)
!9 = !DILocation(line: 11, column: 12, scope: !5)
!10 = !DILocation(line: 12, column: 10, scope: !5)
!11 = !DILocation(line: 13, column: 5, scope: !5)
!12 = !DILocation(line: 14, column: 1, scope: !5)
!13 = distinct !DISubprogram(name: "local", scope: !1, file: !1, line: 19, type: !6, scopeLine: 19, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!14 = !DILocation(line: 20, column: 12, scope: !13)
!15 = !DILocation(line: 21, column: 3, scope: !13)
