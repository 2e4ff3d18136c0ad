// clang runs heap2stack automatically at -O1 and above (after inlining,
// before SROA/GVN/InstCombine), never at -O0. At -O2 a promoted object
// whose uses allow it ends up in registers: no alloca, no malloc.
// RUN: %clang-h2s -O0 -S -emit-llvm %s -o %t.O0.ll -Rpass=heap2stack 2>&1 | FileCheck %s --check-prefix=O0 --allow-empty
// RUN: FileCheck %s --check-prefix=O0-IR < %t.O0.ll
// RUN: %clang-h2s -O1 -S -emit-llvm %s -o /dev/null -Rpass=heap2stack 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clang-h2s -O2 -S -emit-llvm %s -o %t.O2.ll -Rpass=heap2stack 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: FileCheck %s --check-prefix=O2-IR < %t.O2.ll
// RUN: %clang-h2s -O3 -S -emit-llvm %s -o %t.O3.ll -Rpass=heap2stack 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: FileCheck %s --check-prefix=O2-IR < %t.O3.ll
// RUN: %clang-h2s -Os -S -emit-llvm %s -o /dev/null -Rpass=heap2stack 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clang-h2s -Oz -S -emit-llvm %s -o /dev/null -Rpass=heap2stack 2>&1 | FileCheck %s --check-prefix=REMARK
// Without the plugin, -O2 keeps the malloc that needs a variable index.
// RUN: %clang -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=NOPLUGIN

#include <stdlib.h>

// O0-NOT: remark
// O0-IR-LABEL: define {{.*}}i32 @squares(
// O0-IR:         call {{.*}}ptr @malloc(i64 noundef 32)
// O0-IR-NOT:     alloca [32 x i8]
// REMARK-DAG: clang-opt-levels.c:[[@LINE+6]]:12: remark: malloc(32) does not escape: moved to stack; removed 1 free(s) [-Rpass=heap2stack]
// O2-IR-LABEL: define {{.*}}i32 @squares(
// O2-IR-NOT:     alloca
// O2-IR-NOT:     @malloc
// O2-IR:         ret i32
int squares(int n) {
  int *p = malloc(8 * sizeof(int));
  for (int i = 0; i < 8; i++)
    p[i] = i * n;
  int s = 0;
  for (int i = 0; i < 8; i++)
    s += p[i] * p[7 - i];
  free(p);
  return s;
}

// A variable index keeps the object in memory, but on the stack.
// REMARK-DAG: clang-opt-levels.c:[[@LINE+8]]:12: remark: malloc(32) does not escape: moved to stack; removed 1 free(s) [-Rpass=heap2stack]
// O2-IR-LABEL: define {{.*}}i32 @pick(
// O2-IR:         alloca [32 x i8], align 16
// O2-IR-NOT:     @malloc
// O2-IR:         ret i32
// NOPLUGIN-LABEL: define {{.*}}i32 @pick(
// NOPLUGIN:         call noalias {{.*}}ptr @malloc(i64 noundef 32)
int pick(int n, int k) {
  int *p = malloc(8 * sizeof(int));
  for (int i = 0; i < 8; i++)
    p[i] = i * n;
  int r = p[k & 7];
  free(p);
  return r;
}
