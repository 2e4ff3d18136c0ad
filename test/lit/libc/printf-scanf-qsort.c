// Library calls TargetLibraryInfo knows are modelled by what they do with
// their variadic arguments: the printf family only reads them, the scanf
// family only writes them, qsort hands elements to its comparator (whose
// summary decides). Each positive has a near-miss negative.
// RUN: %clang-h2s -O2 -Rpass=heap2stack -Rpass-missed=heap2stack -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang-h2s -O2 -fno-builtin -Rpass=heap2stack -Rpass-missed=heap2stack -c %s -o /dev/null 2>&1 | FileCheck --check-prefix=NOBUILTIN %s
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

// CHECK: printf-scanf-qsort.c:[[@LINE+3]]:{{[0-9]+}}: remark: malloc(32) does not escape: moved to stack
// NOBUILTIN: printf-scanf-qsort.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(32) escapes to heap: passed to unknown function {{(sn)?printf}}
void printf_reads_varargs(int x) {
  char *buf = malloc(32);
  snprintf(buf, 32, "%d", x);
  printf("%s %d\n", buf, buf[0]);
  free(buf);
}

// %p prints the address, which sscanf("%p") turns back into a pointer
// (C11 7.21.6.2): the object is exposed.
// CHECK: printf-scanf-qsort.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(32) escapes to heap: address exposed: printed or observed by printf
void printf_percent_p_exposes(int x) {
  char *buf = malloc(32);
  snprintf(buf, 32, "%d", x);
  printf("%s %p\n", buf, (void *)buf);
  free(buf);
}

__attribute__((noinline)) void my_log(const char *fmt, ...);

// A variadic function nobody knows keeps what it is given.
// CHECK: printf-scanf-qsort.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(32) escapes to heap: passed to unknown function my_log
void unknown_variadic_keeps(int x) {
  char *buf = malloc(32);
  snprintf(buf, 32, "%d", x);
  my_log("%s", buf);
  free(buf);
}

// CHECK: printf-scanf-qsort.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(4) does not escape: moved to stack
int sscanf_writes_varargs(const char *s) {
  int *n = malloc(sizeof *n);
  int r = sscanf(s, "%d", n) == 1 ? *n : -1;
  free(n);
  return r;
}

// Through a function pointer, sscanf is an unknown call.
int (*volatile scan)(const char *, const char *, ...) = sscanf;
// CHECK: printf-scanf-qsort.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(4) escapes to heap: passed to indirect call
int indirect_sscanf_keeps(const char *s) {
  int *n = malloc(sizeof *n);
  int r = scan(s, "%d", n) == 1 ? *n : -1;
  free(n);
  return r;
}

static int by_value(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

// CHECK: printf-scanf-qsort.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(20) does not escape: moved to stack
int qsort_with_known_comparator(int seed) {
  int *v = malloc(5 * sizeof *v);
  for (int i = 0; i < 5; i++)
    v[i] = (i * 7 + seed) % 5;
  qsort(v, 5, sizeof *v, by_value);
  int r = v[0];
  free(v);
  return r;
}

const void *last_seen;
static int remembers(const void *a, const void *b) {
  last_seen = a;
  return *(const int *)a - *(const int *)b;
}

// A comparator that keeps its argument makes the array escape.
// CHECK: printf-scanf-qsort.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(20) escapes to heap: passed to unknown function qsort
int qsort_with_leaking_comparator(int seed) {
  int *v = malloc(5 * sizeof *v);
  for (int i = 0; i < 5; i++)
    v[i] = (i * 7 + seed) % 5;
  qsort(v, 5, sizeof *v, remembers);
  int r = v[0];
  free(v);
  return r;
}
