; Issue 3: -Rpass-analysis=heap2stack gives each flow step with its source
; location ("from store at list.c:13:5"), not only the YAML record.
; RUN: %opt-h2s -passes=heap2stack -disable-output -pass-remarks-analysis=heap2stack %s 2>&1 | FileCheck %s

declare ptr @malloc(i64)

@g = global ptr null

; CHECK:      remark: list.c:10:19: malloc(16) escapes to heap:
; CHECK-NEXT:   flow: {%b} <- &{storage for malloc(16)}
; CHECK-NEXT:     from call at list.c:10:19
; CHECK-NEXT:   flow: {globals} <- {%b}
; CHECK-NEXT:     from store at list.c:13:5
define void @publish() !dbg !5 {
  %b = call ptr @malloc(i64 16), !dbg !8
  store ptr %b, ptr @g, !dbg !11
  ret void, !dbg !12
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
!11 = !DILocation(line: 13, column: 5, scope: !5)
!12 = !DILocation(line: 14, column: 1, scope: !5)
