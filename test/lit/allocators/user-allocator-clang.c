// A user allocator declared from clang with -mllvm -heap2stack-options (the
// same syntax as in pipeline text): the automatic -O2 pipeline moves its
// allocations and drops the matching frees; without the option they stay
// calls to unknown functions. Bad specs stop the compilation.
// RUN: %clang-h2s -O2 -mllvm -heap2stack-options='alloc=pool_alloc:size=0:free=pool_free;alloc=pool_calloc:size=1:count=0:zeroed:align=64:free=pool_free' -Rpass=heap2stack -Rpass-missed=heap2stack -S -emit-llvm %s -o %t.ll 2>&1 | FileCheck --check-prefix=REMARK %s
// RUN: FileCheck --check-prefix=IR %s < %t.ll
// RUN: %clang-h2s -O2 -S -emit-llvm %s -o - | FileCheck --check-prefix=UNDECLARED %s
// RUN: not %clang-h2s -O2 -mllvm -heap2stack-options='alloc=pool_alloc:bytes=0' -c %s -o /dev/null 2>&1 | FileCheck --check-prefix=BAD %s
#include <stddef.h>

void *pool_alloc(size_t n);
void *pool_calloc(size_t count, size_t size);
void pool_free(void *p);
void consume(const long *a, int n) __attribute__((pure));
long *volatile published;

// REMARK: user-allocator-clang.c:{{[0-9]+}}:13: remark: pool_alloc(32) does not escape: moved to stack; removed 1 free(s)
// UNDECLARED-LABEL: define {{.*}}i64 @local_sum(
// UNDECLARED:         call {{.*}}ptr @pool_alloc(i64 noundef 32)
// UNDECLARED:         call void @pool_free(
long local_sum(int k) {
  long *a = pool_alloc(4 * sizeof(long));
  for (int i = 0; i < 4; i++)
    a[i] = k + i;
  long s = a[0] + a[3];
  pool_free(a);
  return s;
}

// REMARK: user-allocator-clang.c:{{[0-9]+}}:13: remark: pool_alloc(16) escapes to heap: stored to global
void publish(int k) {
  long *a = pool_alloc(2 * sizeof(long));
  a[0] = k;
  published = a;
}

// REMARK: user-allocator-clang.c:{{[0-9]+}}:13: remark: pool_calloc(48) does not escape: moved to stack; removed 1 free(s)
// IR-LABEL: define {{.*}}i64 @zeroed_sum(
// IR:         alloca [48 x i8], align 64
// IR-NOT:     call {{.*}}@pool_calloc
long zeroed_sum(int k) {
  long *a = pool_calloc(6, sizeof(long));
  a[k & 3] = k;
  long s = 0;
  for (int i = 0; i < 6; i++)
    s += a[i];
  pool_free(a);
  return s;
}

// BAD: error: heap2stack: -heap2stack-options: invalid allocator spec 'pool_alloc:bytes=0' at 'bytes=0'
