// Declared wrappers in headers (issue 19, part 2). clang 22 turns
// __attribute__((malloc)) into `noalias` on the result and alloc_size into
// `allocsize`, ignores the deallocator form malloc(xfree), and emits no
// `allockind`: none of that says that the call is only an allocation that
// `free` (or xfree) may release. So such a declaration is not an
// allocator: its blocks stay on the heap, with a Missed remark; `alloc=`
// states the contract, and then they move.
// RUN: %clang -O2 -S -emit-llvm -Wno-ignored-attributes %s -o - | FileCheck --check-prefix=ATTRS %s
// RUN: %clang-h2s -O2 -Wno-ignored-attributes -Rpass=heap2stack -Rpass-missed=heap2stack -c %s -o /dev/null 2>&1 | FileCheck --check-prefix=DEFAULT %s
// RUN: %clang-h2s -O2 -Wno-ignored-attributes -mllvm -heap2stack-options='alloc=xmalloc:size=0:free=xfree' -Rpass=heap2stack -c %s -o /dev/null 2>&1 | FileCheck --check-prefix=DECLARED %s
#include <stddef.h>

void xfree(void *p);
__attribute__((malloc, alloc_size(1))) void *xmalloc(size_t n);
__attribute__((malloc(xfree), alloc_size(1))) void *xmalloc_dealloc(size_t n);

// ATTRS-DAG: declare noalias ptr @xmalloc(i64 noundef) {{.*}}#[[XM:[0-9]+]]
// ATTRS-DAG: attributes #[[XM]] = { allocsize(0) {{.*}}}
// ATTRS-DAG: declare ptr @xmalloc_dealloc(i64 noundef)
// ATTRS-NOT: allockind

// DEFAULT: declared-wrappers.c:[[@LINE+3]]:13: remark: xmalloc: result stays on heap: its body is not visible here
// DECLARED: declared-wrappers.c:[[@LINE+2]]:13: remark: xmalloc(32) does not escape: moved to stack; removed 1 free(s)
int declared_malloc_attribute(int k) {
  char *p = xmalloc(32);
  p[0] = (char)k;
  p[31] = (char)(k + 1);
  int r = p[0] + p[31];
  xfree(p);
  return r;
}

// Near miss: the deallocator form adds nothing clang keeps.
// DEFAULT: declared-wrappers.c:[[@LINE+3]]:13: remark: xmalloc_dealloc: result stays on heap: its body is not visible here
// DECLARED-NOT: xmalloc_dealloc(32) does not escape
int declared_deallocator_form(int k) {
  char *p = xmalloc_dealloc(32);
  p[0] = (char)k;
  p[31] = (char)(k + 1);
  int r = p[0] + p[31];
  xfree(p);
  return r;
}
// DEFAULT-NOT: moved to stack
