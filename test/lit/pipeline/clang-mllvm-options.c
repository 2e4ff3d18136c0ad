// Options for the automatic pipeline come from -mllvm -heap2stack-options
// (the plugin's cl::opt works from clang); bad text is a clear one-line
// error and a non-zero status.
// RUN: %clang-h2s -O2 -c %s -o /dev/null -mllvm -heap2stack-options=max-size=4 -Rpass=heap2stack -Rpass-missed=heap2stack 2>&1 | FileCheck %s --check-prefix=LIMIT
// RUN: %clang-h2s -O2 -c %s -o /dev/null -Rpass=heap2stack 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not %clang-h2s -O2 -c %s -o /dev/null -mllvm -heap2stack-options=bogus 2>&1 | FileCheck %s --check-prefix=BOGUS
// RUN: not %clang-h2s -O2 -c %s -o /dev/null -mllvm -heap2stack-options=max-size=abc 2>&1 | FileCheck %s --check-prefix=ABC
// RUN: not %clang-h2s -O2 -c %s -o /dev/null -mllvm -heap2stack-options=frobnicate=1 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// BOGUS:   error: heap2stack: -heap2stack-options: option 'bogus' needs a value (key=value)
// ABC:     error: heap2stack: -heap2stack-options: invalid max-size 'abc': expected a number of bytes
// UNKNOWN: error: heap2stack: -heap2stack-options: unknown option 'frobnicate'

#include <stdlib.h>
#include <string.h>

// strlen reads the objects, so LLVM's own cleanups cannot delete them.
// LIMIT-DAG:   clang-mllvm-options.c:[[@LINE+3]]:13: remark: malloc(4) does not escape: moved to stack; removed 1 free(s) [-Rpass=heap2stack]
// DEFAULT-DAG: clang-mllvm-options.c:[[@LINE+2]]:13: remark: malloc(4) does not escape: moved to stack; removed 1 free(s) [-Rpass=heap2stack]
size_t small(int x) {
  char *p = malloc(4);
  memset(p, 'a', 3);
  p[x & 3] = 0;
  size_t r = strlen(p);
  free(p);
  return r;
}

// LIMIT-DAG:   clang-mllvm-options.c:[[@LINE+3]]:13: remark: malloc(16) stays on heap: too large for stack (max-size 4) [-Rpass-missed=heap2stack]
// DEFAULT-DAG: clang-mllvm-options.c:[[@LINE+2]]:13: remark: malloc(16) does not escape: moved to stack; removed 1 free(s) [-Rpass=heap2stack]
size_t big(int x) {
  char *p = malloc(16);
  memset(p, 'a', 15);
  p[x & 15] = 0;
  size_t r = strlen(p);
  free(p);
  return r;
}
