/* remarks_fuzz.c: libFuzzer target for heap2stack-report's remark reader
 * (tools/report/read.c on llvm-c/Remarks.h) and its four output formats,
 * built by remarks_fuzz.sh. The input is a remark file's contents, YAML or
 * bitstream. Besides "no crash, no sanitizer report", it checks the
 * reader's contract: 0, or -1 with a one-line message; and that every
 * remark it returns can be printed as text, summary, JSON and SARIF. */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok) {
  if (!ok)
    abort();
}

static FILE *sink(void) {
  static FILE *null;
  if (!null)
    null = fopen("/dev/null", "w");
  return null;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  memcpy(text, data, size);
  text[size] = 0;
  for (int all = 0; all < 2; all++) {
    filter f = {0};
    f.all_passes = all;
    arena a = {0};
    vec out = {0};
    size_t seq = 0;
    char err[512];
    memset(err, 'x', sizeof err);
    int rc = read_buffer("fuzz.opt.yaml", text, size, &f, &a, &out, &seq, err,
                         sizeof err);
    check(rc == 0 || rc == -1);
    if (rc != 0) {
      check(memchr(err, 0, sizeof err) != NULL);
      check(err[0] != 0);
      check(strchr(err, '\n') == NULL);
    } else {
      model_finish(&out, &f);
      write_text(sink(), &out, 1);
      write_summary(sink(), &out);
      write_json(sink(), &out);
      write_sarif(sink(), &out, "fuzz");
    }
    vec_free(&out);
    arena_free(&a);
  }
  free(text);
  return 0;
}
