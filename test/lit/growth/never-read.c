// Never worse than -O2 (issue 17, part 4). InstCombine deletes an
// allocation whose pointer is only stored to, written by memset/memcpy,
// compared with null or freed; -O2 then deletes the loads that only fed
// such stores, and the allocations they read. The small-buffer phi
// (`n <= 32 ? buf : malloc(n)`) would hide both from InstCombine, so
// heap2stack leaves such allocations alone, with a Missed remark, and -O2
// deletes the whole function body. Near misses: a buffer whose bytes reach
// the result, and one whose bytes decide a branch, are read and get the
// small buffer.
// RUN: %clang-h2s -O2 -g0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang-h2s -O2 -g0 -S -emit-llvm -Rpass=heap2stack -Rpass-missed=heap2stack %s -o /dev/null 2>&1 | FileCheck --check-prefix=REMARK %s
#include <stdlib.h>
#include <string.h>

static void fill(const char *restrict in, size_t n, char *restrict out) {
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] | 32;
}

// The program: -O2 alone gives `ret void`, and so must the plugin.
// REMARK-DAG: never-read.c:[[@LINE+5]]:14: remark: malloc(n) is never read: left for LLVM to delete
// REMARK-DAG: never-read.c:[[@LINE+4]]:32: remark: malloc(n) is never read: left for LLVM to delete
// CHECK-LABEL: define {{.*}}void @written_only_deleted(
// CHECK-NEXT:    ret void
void written_only_deleted(size_t n) {
  char *in = malloc(n), *out = malloc(n);
  for (size_t i = 0; i < n; i++)
    in[i] = (char)i;
  for (long k = 0; k < 10000000; k++)
    fill(in, n, out);
}

// memset and memcpy into it, a null test and a free, in a helper the
// inliner copies in just before heap2stack runs: still nothing reads it.
static void scrub(char *p, size_t n, const char *src) {
  memset(p, 0, n);
  memcpy(p, src, n / 2);
}

// REMARK-DAG: never-read.c:[[@LINE+4]]:13: remark: malloc(n) is never read: left for LLVM to delete
// CHECK-LABEL: define {{.*}}void @memset_null_test_free_deleted(
// CHECK-NEXT:    ret void
void memset_null_test_free_deleted(size_t n, const char *src, int k) {
  char *p = malloc(n);
  if (!p)
    return;
  for (int i = 0; i < k; i++)
    scrub(p, n, src + i);
  free(p);
}

// Near miss: a byte of the buffer is returned, so it is read and gets the
// small buffer.
// REMARK-DAG: never-read.c:[[@LINE+4]]:13: remark: malloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s)
// CHECK-LABEL: define {{.*}}i32 @read_back_small_buffer(
// CHECK:         alloca [32 x i8]
int read_back_small_buffer(size_t n) {
  char *p = malloc(n);
  if (!p)
    return -1;
  for (size_t i = 0; i < n; i++)
    p[i] = (char)(i * 7);
  int r = p[n / 2];
  free(p);
  return r;
}

// Near miss: the copy's bytes decide a branch (a read), so the source and
// the copy are both read.
// REMARK-DAG: never-read.c:[[@LINE+5]]:13: remark: malloc(n) does not escape: moved to stack when size <= 32
// REMARK-DAG: never-read.c:[[@LINE+4]]:29: remark: malloc(n) does not escape: moved to stack when size <= 32
// CHECK-LABEL: define {{.*}}i32 @read_through_copy_small_buffer(
// CHECK-COUNT-2: alloca [32 x i8]
int read_through_copy_small_buffer(size_t n) {
  char *a = malloc(n), *b = malloc(n);
  if (!a || !b || n == 0)
    return -1;
  for (size_t i = 0; i < n; i++)
    a[i] = (char)i;
  for (size_t i = 0; i < n; i++)
    b[i] = a[i] + 1;
  int r = b[n - 1] == 3 ? 1 : 2;
  free(a);
  free(b);
  return r;
}

// The same for a growth buffer: a chain of blocks only written, realloc'd
// and freed is deleted by -O2, so it does not start on the stack.
static void put(char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    p[i] = (char)i;
}

// REMARK-DAG: never-read.c:[[@LINE+4]]:13: remark: malloc(16) is never read: left for LLVM to delete
// CHECK-LABEL: define {{.*}}void @grown_never_read_deleted(
// CHECK-NEXT:    ret void
void grown_never_read_deleted(size_t n) {
  char *p = malloc(16);
  if (!p)
    return;
  put(p, 16);
  char *q = realloc(p, n);
  if (!q) {
    free(p);
    return;
  }
  put(q, n);
  free(q);
}

// Near miss: the grown block is read, so the chain starts on the stack.
// REMARK-DAG: never-read.c:[[@LINE+4]]:13: remark: malloc(16) does not escape: starts on stack, moves to heap when grown past 16; guarded 2 free(s)
// CHECK-LABEL: define {{.*}}i32 @grown_read_starts_on_stack(
// CHECK:         alloca {{.*}}16 x i8
int grown_read_starts_on_stack(size_t n) {
  char *p = malloc(16);
  if (!p)
    return -1;
  put(p, 16);
  char *q = realloc(p, n + 1);
  if (!q) {
    free(p);
    return -1;
  }
  put(q, n + 1);
  int r = q[n];
  free(q);
  return r;
}

// Loads of calloc'd memory that nothing wrote yet are zeros to GVN, so a
// calloc whose every other use only writes it is deleted by -O2 too.
// REMARK-DAG: never-read.c:[[@LINE+6]]:24: remark: calloc(n) is never read: left for LLVM to delete
// CHECK-LABEL: define {{.*}}i64 @calloc_zeros_read_deleted(
// CHECK-NOT:     call {{.*}}@calloc
long calloc_zeros_read_deleted(size_t n, int iters) {
  long nonzero = 0;
  for (int it = 0; it < iters; it++) {
    unsigned char *p = calloc(n, 1);
    if (!p)
      return -1;
    for (size_t i = 0; i < n; i++)
      nonzero += p[i] != 0;
    memset(p, 0xff, n);
    free(p);
  }
  return nonzero;
}

// Near miss: the load may see a byte written before it, so it is a read.
// REMARK-DAG: never-read.c:[[@LINE+4]]:13: remark: calloc(n) does not escape: moved to stack when size <= 32; guarded 1 free(s)
// CHECK-LABEL: define {{.*}}i32 @calloc_read_after_write_small_buffer(
// CHECK:         alloca [32 x i8]
int calloc_read_after_write_small_buffer(size_t n, size_t k) {
  char *p = calloc(n, 1);
  if (!p || k >= n)
    return -1;
  p[k] = 5;
  int r = p[n - 1];
  free(p);
  return r;
}
