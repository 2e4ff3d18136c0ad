/* heap2stack-report: command line, and the driver from inputs to a format. */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifndef H2S_VERSION
#define H2S_VERSION "unknown"
#endif

static const char usage[] =
    "usage: " TOOL " [options] <file|directory|->...\n"
    "\n"
    "Reads LLVM optimization remark files (YAML or bitstream, as written by\n"
    "`opt -pass-remarks-output=` or `clang -fsave-optimization-record`) and\n"
    "reports heap2stack's decisions. Directories are searched recursively for\n"
    "*.opt.yaml, *.yaml, *.opt.bitstream and *.bitstream files; - reads stdin.\n"
    "\n"
    "options:\n"
    "  --format=FORMAT   text (default; like go build -gcflags=-m), summary,\n"
    "                    json or sarif (SARIF 2.1.0)\n"
    "  -v, --verbose     text: also print analysis remarks, with the escape\n"
    "                    flow under each allocation (like -gcflags=-m=2)\n"
    "  --function=NAME   only remarks in function NAME (repeatable)\n"
    "  --file=TEXT       only remarks whose source file contains TEXT\n"
    "                    (repeatable)\n"
    "  --missed-only     only allocations left on the heap (and their flow)\n"
    "  --all-passes      keep remarks of every pass, not just heap2stack\n"
    "  -o, --output=FILE write the report to FILE instead of stdout\n"
    "  -h, --help        print this help and exit\n"
    "  --version         print the version and exit\n"
    "\n"
    "exit status: 0 success, 1 bad input, 2 bad usage.\n";

enum format { FORMAT_TEXT, FORMAT_SUMMARY, FORMAT_JSON, FORMAT_SARIF };

typedef struct options {
  enum format format;
  int verbose;
  const char *output;
  filter filter;
  vec inputs; /* const char * */
} options;

static int usage_error(const char *what, const char *arg) {
  fprintf(stderr, TOOL ": error: %s '%s' (see --help)\n", what, arg);
  return EXIT_BAD_USAGE;
}

/* Matches --name=value, or --name value (consuming the next argument).
 * Returns 1 and sets *value on a match, -1 if the value is missing. */
static int value_opt(int argc, char **argv, int *i, const char *name,
                     const char **value) {
  size_t n = strlen(name);
  const char *a = argv[*i];
  if (strncmp(a, name, n) != 0)
    return 0;
  if (a[n] == '=') {
    *value = a + n + 1;
    return 1;
  }
  if (a[n] != '\0')
    return 0;
  if (*i + 1 >= argc)
    return -1;
  *value = argv[++*i];
  return 1;
}

static int parse_format(const char *s, enum format *f) {
  static const char *const names[] = {"text", "summary", "json", "sarif"};
  for (int i = 0; i < 4; i++)
    if (strcmp(s, names[i]) == 0) {
      *f = (enum format)i;
      return 0;
    }
  return -1;
}

/* Returns -1 when parsed, or the exit status to stop with. */
static int parse_args(int argc, char **argv, options *o) {
  int only_inputs = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    int m;
    if (only_inputs || a[0] != '-' || strcmp(a, "-") == 0) {
      vec_push(&o->inputs, argv[i]);
    } else if (strcmp(a, "--") == 0) {
      only_inputs = 1;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf(TOOL " %s\n", H2S_VERSION);
      return 0;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      o->verbose = 1;
    } else if (strcmp(a, "--missed-only") == 0) {
      o->filter.missed_only = 1;
    } else if (strcmp(a, "--all-passes") == 0) {
      o->filter.all_passes = 1;
    } else if ((m = value_opt(argc, argv, &i, "--format", &v))) {
      if (m < 0)
        return usage_error("missing value for option", a);
      if (parse_format(v, &o->format)) {
        fprintf(stderr,
                TOOL ": error: unknown format '%s' (expected text, summary, "
                     "json or sarif)\n",
                v);
        return EXIT_BAD_USAGE;
      }
    } else if ((m = value_opt(argc, argv, &i, "--function", &v))) {
      if (m < 0)
        return usage_error("missing value for option", a);
      vec_push(&o->filter.functions, (void *)v);
    } else if ((m = value_opt(argc, argv, &i, "--file", &v))) {
      if (m < 0)
        return usage_error("missing value for option", a);
      vec_push(&o->filter.files, (void *)v);
    } else if ((m = value_opt(argc, argv, &i, "--output", &v)) ||
               (m = value_opt(argc, argv, &i, "-o", &v))) {
      if (m < 0)
        return usage_error("missing value for option", a);
      o->output = v;
    } else {
      return usage_error("unknown option", a);
    }
  }
  if (o->inputs.n == 0) {
    fprintf(stderr, TOOL ": error: no input files (see --help)\n");
    return EXIT_BAD_USAGE;
  }
  return -1;
}

static void write_report(FILE *out, const options *o, const vec *remarks) {
  switch (o->format) {
  case FORMAT_TEXT:
    write_text(out, remarks, o->verbose);
    break;
  case FORMAT_SUMMARY:
    write_summary(out, remarks);
    break;
  case FORMAT_JSON:
    write_json(out, remarks);
    break;
  case FORMAT_SARIF:
    write_sarif(out, remarks, H2S_VERSION);
    break;
  }
}

static int run(const options *o) {
  arena a = {0};
  vec remarks = {0};
  size_t seq = 0;
  char err[1024];
  int rc = 0;
  for (size_t i = 0; i < o->inputs.n && rc == 0; i++)
    if (read_input(o->inputs.v[i], &o->filter, &a, &remarks, &seq, err,
                   sizeof err))
      rc = EXIT_BAD_INPUT;
  FILE *out = stdout;
  if (rc == 0 && o->output && !(out = fopen(o->output, "w"))) {
    snprintf(err, sizeof err, "cannot open '%s' for writing: %s", o->output,
             strerror(errno));
    rc = EXIT_BAD_INPUT;
  }
  if (rc == 0) {
    model_finish(&remarks, &o->filter);
    write_report(out, o, &remarks);
    int bad = fflush(out) != 0 || ferror(out);
    int saved = errno;
    if (out != stdout && fclose(out) != 0)
      bad = 1;
    if (bad) {
      snprintf(err, sizeof err, "cannot write '%s': %s",
               o->output ? o->output : "<stdout>", strerror(saved));
      rc = EXIT_BAD_INPUT;
    }
  }
  if (rc)
    fprintf(stderr, TOOL ": error: %s\n", err);
  vec_free(&remarks);
  arena_free(&a);
  return rc;
}

int main(int argc, char **argv) {
  options o = {0};
  int rc = parse_args(argc, argv, &o);
  if (rc < 0)
    rc = run(&o);
  vec_free(&o.inputs);
  vec_free(&o.filter.functions);
  vec_free(&o.filter.files);
  return rc;
}
