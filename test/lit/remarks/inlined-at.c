// A call inlined from another function: the remark's location is the
// inlined code's (the wrapper's line), so the pass names the function the
// call now lives in and each inlined call on the way, outermost first, as
// named args Caller, Inlined and InlinedAt (Go prints "inlining call to").
// Near miss: the same allocation written in place has no chain.
// RUN: %clang-h2s -O2 -g -c %s -o /dev/null -Rpass=heap2stack -Rpass-missed=heap2stack 2>&1 | FileCheck %s --check-prefix=TEXT
// RUN: %clang-h2s -O2 -g -c %s -o /dev/null -fsave-optimization-record -foptimization-record-passes=heap2stack -foptimization-record-file=%t.yaml
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml

#include <stdlib.h>
#include <string.h>

char *keep;

static inline __attribute__((always_inline)) char *fresh(int n) {
  char *p = malloc(24);
  memset(p, 'a', 23);
  p[n & 23] = 0;
  return p;
}

static inline __attribute__((always_inline)) size_t length_of(int n) {
  char *p = fresh(n);
  size_t r = strlen(p);
  free(p);
  return r;
}

// TEXT-DAG: inlined-at.c:16:13: remark: malloc(24) does not escape: moved to stack; removed 1 free(s) [in two_levels: inlined length_of at {{.*}}inlined-at.c:[[@LINE+1]]:{{[0-9]+}}, fresh at {{.*}}inlined-at.c:23:13] [-Rpass=heap2stack]
size_t two_levels(int n) { return length_of(n) * 2; }

// TEXT-DAG: inlined-at.c:16:13: remark: malloc(24) escapes to heap: stored to global [in one_level: inlined fresh at {{.*}}inlined-at.c:[[@LINE+1]]:{{[0-9]+}}] [-Rpass-missed=heap2stack]
void one_level(int n) { keep = fresh(n); }

// The inlined call sits in nested blocks of the function inlined: its
// name is found through the blocks' scopes.
static inline __attribute__((always_inline)) void fill_in_blocks(int n) {
  if (n > 3) {
    for (int i = 0; i < n; i++) {
      keep = fresh(n + i);
    }
  }
}
// TEXT-DAG: inlined-at.c:16:13: remark: malloc(24) escapes to heap: stored to global [in in_blocks: inlined fill_in_blocks at {{.*}}inlined-at.c:[[@LINE+1]]:{{[0-9]+}}, fresh at {{.*}}inlined-at.c:{{[0-9]+}}:{{[0-9]+}}] [-Rpass-missed=heap2stack]
void in_blocks(int n) { fill_in_blocks(n); }

size_t not_inlined(int n) {
  // TEXT-DAG: inlined-at.c:[[@LINE+1]]:13: remark: malloc(24) does not escape: moved to stack; removed 1 free(s) [-Rpass=heap2stack]
  char *p = malloc(24);
  memset(p, 'a', 23);
  p[n & 23] = 0;
  size_t r = strlen(p);
  free(p);
  return r;
}

// YAML-LABEL: Function:        two_levels
// YAML:        - String:          ' [in '
// YAML-NEXT:   - Caller:          two_levels
// YAML-NEXT:   - String:          ': inlined '
// YAML-NEXT:   - Inlined:         length_of
// YAML-NEXT:   - String:          ' at '
// YAML-NEXT:   - InlinedAt:       '{{.*}}inlined-at.c:30:{{[0-9]+}}'
// YAML-NEXT:   - String:          ', '
// YAML-NEXT:   - Inlined:         fresh
// YAML-NEXT:   - String:          ' at '
// YAML-NEXT:   - InlinedAt:       '{{.*}}inlined-at.c:23:13'
// YAML-NEXT:   - String:          ']'
// YAML-LABEL: Function:        one_level
// YAML:        - Caller:          one_level
// YAML-LABEL: Function:        not_inlined
// YAML-NOT:    Caller
// YAML:        ...
