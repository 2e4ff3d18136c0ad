/* options_fuzz.c: libFuzzer target for heap2stack's option parser
 * (pass/options.c, compiled in directly by options_fuzz.sh). The input is the
 * option text as it comes from `heap2stack<...>` or -heap2stack-options.
 * Besides "no crash, no sanitizer report", it checks the parser's contract:
 * an error leaves the options untouched and says something in err (always
 * NUL-terminated, even in a tiny buffer); success leaves only values the
 * pass can use; parsing is deterministic. */
#include "h2s.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok) {
  if (!ok)
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  memcpy(text, data, size);
  text[size] = 0;

  h2s_options o, before, again;
  h2s_options_default(&o);
  before = o;
  char err[256];
  memset(err, 'x', sizeof err);
  int rc = h2s_options_parse(&o, text, err, sizeof err);
  check(rc == 0 || rc == -1);
  if (rc != 0) {
    check(memchr(err, 0, sizeof err) != NULL);
    check(err[0] != 0);
    check(memcmp(&o, &before, sizeof o) == 0);
  } else {
    check(o.nallocs >= 0 && o.nallocs <= H2S_MAX_USER_ALLOCS);
    for (int i = 0; i < o.nallocs; i++) {
      const h2s_user_alloc *a = &o.allocs[i];
      check(a->name[0] != 0 && strlen(a->name) < H2S_MAX_NAME);
      check(strlen(a->free_fn) < H2S_MAX_NAME);
      check(a->size_arg >= 0 && a->size_arg <= 15);
      check(a->count_arg >= -1 && a->count_arg <= 15);
      check(a->free_ptr >= 0 && a->free_ptr <= 15);
      check(a->align != 0 && (a->align & (a->align - 1)) == 0 && a->align <= 4096);
    }
    check(o.max_size <= (uint64_t)INT64_MAX);
  }

  /* Same text, same answer. */
  h2s_options_default(&again);
  char err2[256];
  int rc2 = h2s_options_parse(&again, text, err2, sizeof err2);
  check(rc2 == rc);
  if (rc == 0)
    check(memcmp(&o, &again, sizeof o) == 0);
  else
    check(strcmp(err, err2) == 0);

  /* A buffer too small for the message: truncated, still terminated. */
  char tiny[4] = {'x', 'x', 'x', 'x'};
  h2s_options_default(&again);
  h2s_options_parse(&again, text, tiny, sizeof tiny);
  check(memchr(tiny, 0, sizeof tiny) != NULL || rc == 0);

  free(text);
  return 0;
}
