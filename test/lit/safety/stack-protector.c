// A heap overflow must not become an unguarded stack overflow: with
// -fstack-protector-strong the promoted buffer is an array the canary
// guards, and with plain -fstack-protector (which guards only char arrays
// of 8 bytes or more) functions that receive a promoted buffer are upgraded
// to sspstrong.
// RUN: %clang-h2s -O2 -fstack-protector-strong -Rpass=heap2stack %s -o %t.strong 2>&1 | FileCheck --check-prefix=REMARK %s
// RUN: %t.strong 4 | FileCheck --check-prefix=OK %s
// RUN: not --crash %t.strong 64 2>&1 | FileCheck --check-prefix=SMASH %s
// RUN: %clang-h2s -O2 -fstack-protector -S -emit-llvm %s -o - | FileCheck --check-prefix=IR %s
// RUN: %clang-h2s -O2 -fstack-protector %s -o %t.ssp
// RUN: not --crash %t.ssp 40 2>&1 | FileCheck --check-prefix=SMASH %s
// REMARK: malloc(4) does not escape: moved to stack
// OK: 97
// SMASH: stack smashing detected
// IR: define {{.*}} @fill({{.*}}) {{.*}}[[ATTR:#[0-9]+]] {
// IR: attributes [[ATTR]] = {{.*}}sspstrong
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) int fill(int n) {
  char *buf = malloc(4);
  memset(buf, 'a', n); /* overflows when n > 4 */
  int r = buf[n > 3 ? 3 : 0];
  free(buf);
  return r;
}

int main(int argc, char **argv) {
  printf("%d\n", fill(argc > 1 ? atoi(argv[1]) : 4));
  return 0;
}
