; -print-pipeline-passes shows the options that differ from the defaults,
; so the printed pipeline reproduces the run (heap2stack<max-size=8>).
; RUN: %opt-h2s -passes='heap2stack<max-size=8>' -print-pipeline-passes -disable-output %s | FileCheck %s
; RUN: %opt-h2s -passes='function(heap2stack<max-size=8>)' -print-pipeline-passes -disable-output %s | FileCheck %s

; CHECK: heap2stack<{{.*}}max-size=8{{.*}}>

define void @f() {
  ret void
}
