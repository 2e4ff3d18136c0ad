// Remarks carry the allocation's source location (File/Line/Column) when
// the C source is compiled with -g: in opt's YAML record, in clang's
// -fsave-optimization-record, and in clang's -Rpass text.
// Compiled from its own directory so that File is the short name.
// RUN: cd %S && %clang -O1 -g -S -emit-llvm -Xclang -disable-llvm-passes debugloc.c -o %t.ll
// RUN: %opt-h2s -passes='inferattrs,heap2stack' -disable-output -pass-remarks-output=%t.yaml %t.ll
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml
// RUN: cd %S && %clang-h2s -O2 -g -c debugloc.c -o /dev/null -fsave-optimization-record -foptimization-record-passes=heap2stack -foptimization-record-file=%t.clang.yaml
// RUN: FileCheck %s --check-prefix=YAML < %t.clang.yaml
// RUN: %clang-h2s -O2 -c %s -o /dev/null -Rpass=heap2stack -Rpass-missed=heap2stack 2>&1 | FileCheck %s --check-prefix=TEXT

#include <stdlib.h>
#include <string.h>

int *g;

// strlen reads the object, so LLVM's own cleanups cannot delete it.
size_t local(int x) {
  // YAML:      --- !Passed
  // YAML-NEXT: Pass:            heap2stack
  // YAML-NEXT: Name:            MovedToStack
  // YAML-NEXT: DebugLoc:        { File: debugloc.c, Line: [[@LINE+4]], Column: 13 }
  // YAML-NEXT: Function:        local
  // YAML:        - Size:            '16'
  // TEXT: debugloc.c:[[@LINE+1]]:13: remark: malloc(16) does not escape: moved to stack; removed 1 free(s) [-Rpass=heap2stack]
  char *p = malloc(16);
  memset(p, 'a', 15);
  p[x & 15] = 0;
  size_t r = strlen(p);
  free(p);
  return r;
}

void publish(void) {
  // YAML:      --- !Missed
  // YAML-NEXT: Pass:            heap2stack
  // YAML-NEXT: Name:            Escapes
  // YAML-NEXT: DebugLoc:        { File: debugloc.c, Line: [[@LINE+4]], Column: 12 }
  // YAML-NEXT: Function:        publish
  // YAML:        - Reason:          stored to global
  // TEXT: debugloc.c:[[@LINE+1]]:12: remark: malloc(4) escapes to heap: stored to global [-Rpass-missed=heap2stack]
  int *v = malloc(4);
  g = v;
}
