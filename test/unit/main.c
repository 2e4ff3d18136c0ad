/* main.c: runs the engine unit tests. Usage: h2s_engine_tests [GROUP [TEST]];
 * with no argument every group runs. The last line is "N passed, M failed"
 * and the exit status is nonzero when a test failed or nothing ran. */
#include "check.h"

#include <string.h>
#include <time.h>

int check_failures;

h2s_loc object_in(h2s_graph *g, int fn, int depth) {
  return h2s_loc_new(g, H2S_LOC_OBJECT, fn, depth, NULL);
}
h2s_loc value_in(h2s_graph *g, int fn, int depth) {
  return h2s_loc_new(g, H2S_LOC_VALUE, fn, depth, NULL);
}
h2s_loc object(h2s_graph *g) { return object_in(g, 0, 0); }
h2s_loc value(h2s_graph *g) { return value_in(g, 0, 0); }
h2s_loc param(h2s_graph *g) {
  return h2s_loc_new(g, H2S_LOC_PARAM, 0, 0, NULL);
}
h2s_loc result(h2s_graph *g) {
  return h2s_loc_new(g, H2S_LOC_RESULT, 0, 0, NULL);
}
void addr(h2s_graph *g, h2s_loc dst, h2s_loc src) {
  h2s_edge(g, dst, src, -1, 0, NULL);
}
void copy(h2s_graph *g, h2s_loc dst, h2s_loc src) {
  h2s_edge(g, dst, src, 0, 0, NULL);
}
void load(h2s_graph *g, h2s_loc dst, h2s_loc src) {
  h2s_edge(g, dst, src, 1, 0, NULL);
}
void solve(h2s_graph *g, int explain) {
  CHECK_EQ(h2s_escape_solve(g, explain), 0);
}
double cpu_seconds(void) { return (double)clock() / CLOCKS_PER_SEC; }

int main(int argc, char **argv) {
  const unit_group *groups[] = {&graph_group, &escape_group, &points_group,
                                &leaks_group, &fields_group};
  const char *want_group = argc > 1 ? argv[1] : NULL;
  const char *want_test = argc > 2 ? argv[2] : NULL;
  int passed = 0, failed = 0;
  for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
    const unit_group *grp = groups[i];
    if (want_group && strcmp(want_group, grp->name) != 0)
      continue;
    for (size_t k = 0; k < grp->n; k++) {
      const unit_test *t = &grp->tests[k];
      if (want_test && strcmp(want_test, t->name) != 0)
        continue;
      check_failures = 0;
      t->fn();
      printf("%s %s.%s\n", check_failures ? "FAIL" : "ok  ", grp->name,
             t->name);
      if (check_failures)
        failed++;
      else
        passed++;
    }
  }
  printf("%d passed, %d failed\n", passed, failed);
  if (passed + failed == 0)
    fprintf(stderr, "no test matches\n");
  return failed || passed + failed == 0;
}
