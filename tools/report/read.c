/* Reading remark files: files, directory trees and stdin, YAML or bitstream. */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include <llvm-c/Remarks.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Everything one read_input call needs; no state outlives it. */
typedef struct reader {
  const filter *filter;
  arena *arena;
  vec *out;
  size_t *seq;
  buf msg;  /* scratch for building messages */
  int yaml; /* the file being parsed is YAML: strings come raw */
  char *err;
  size_t errlen;
} reader;

static int fail(reader *rd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(rd->err, rd->errlen, fmt, ap);
  va_end(ap);
  /* The message must stay on one line whatever LLVM said. */
  for (char *p = rd->err; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return -1;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_bitstream(const char *data, size_t len) {
  return len >= 4 && memcmp(data, "RMRK", 4) == 0;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_blank(const char *data, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!is_space(data[i]))
      return 0;
  return 1;
}

/* Does a *.yaml found in a directory look like a remark file? Other YAML
 * (CI configs, docs) lives in source trees and is skipped, not an error. */
static int looks_like_remarks(const char *data, size_t len) {
  size_t i = 0;
  for (;;) {
    while (i < len && is_space(data[i]))
      i++;
    if (i < len && data[i] == '#') {
      while (i < len && data[i] != '\n')
        i++;
      continue;
    }
    break;
  }
  return len - i >= 5 && memcmp(data + i, "--- !", 5) == 0;
}

static int slurp(reader *rd, const char *path, char **data, size_t *len) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f)
    return fail(rd, "cannot open '%s': %s", path, strerror(errno));
  size_t cap = 64 * 1024, n = 0;
  char *p = xmalloc(cap);
  for (;;) {
    if (n == cap) {
      cap *= 2;
      p = xrealloc(p, cap);
    }
    size_t got = fread(p + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  int bad = ferror(f);
  int saved = errno;
  if (f != stdin)
    fclose(f);
  if (bad) {
    free(p);
    return fail(rd, "cannot read '%s': %s", path, strerror(saved));
  }
  *data = p;
  *len = n;
  return 0;
}

static const char *str(reader *rd, LLVMRemarkStringRef s) {
  const char *d = s ? LLVMRemarkStringGetData(s) : NULL;
  if (!d)
    return "";
  const char *v = arena_strndup(rd->arena, d, LLVMRemarkStringGetLen(s));
  return rd->yaml ? yaml_unquote(rd->arena, v) : v;
}

static loc read_loc(reader *rd, LLVMRemarkDebugLocRef dl) {
  loc l = {NULL, 0, 0};
  if (dl) {
    l.file = str(rd, LLVMRemarkDebugLocGetSourceFilePath(dl));
    l.line = LLVMRemarkDebugLocGetSourceLine(dl);
    l.col = LLVMRemarkDebugLocGetSourceColumn(dl);
  }
  return l;
}

static enum kind read_kind(enum LLVMRemarkType t) {
  switch (t) {
  case LLVMRemarkTypePassed:
    return KIND_PASSED;
  case LLVMRemarkTypeMissed:
    return KIND_MISSED;
  case LLVMRemarkTypeAnalysis:
  case LLVMRemarkTypeAnalysisFPCommute:
  case LLVMRemarkTypeAnalysisAliasing:
    return KIND_ANALYSIS;
  case LLVMRemarkTypeFailure:
    return KIND_FAILURE;
  default:
    return KIND_UNKNOWN;
  }
}

/* The first arg named key, the way the remark contract names them. */
static const char *named(const remark *r, const char *key) {
  for (unsigned i = 0; i < r->nargs; i++)
    if (strcmp(r->args[i].key, key) == 0)
      return r->args[i].value;
  return NULL;
}

/* Sets r->base and r->inlined (report.h): in a heap2stack remark, the
 * chain starts at the Caller arg, after its " [in " String, and ends with
 * a "]" String. */
static void split_inlined(arena *a, remark *r, buf *b) {
  r->base = r->message;
  r->inlined = NULL;
  if (!is_h2s(r))
    return; /* other passes use Caller for other things (inline) */
  unsigned c = 0;
  while (c < r->nargs && strcmp(r->args[c].key, "Caller") != 0)
    c++;
  if (c == r->nargs)
    return;
  unsigned end = c && strcmp(r->args[c - 1].key, "String") == 0 ? c - 1 : c;
  buf_clear(b);
  for (unsigned i = 0; i < end; i++)
    buf_puts(b, r->args[i].value);
  r->base = arena_strdup(a, b->p ? b->p : "");
  buf_clear(b);
  for (unsigned i = c; i < r->nargs; i++)
    if (i + 1 < r->nargs || strcmp(r->args[i].value, "]") != 0)
      buf_puts(b, r->args[i].value);
  r->inlined = arena_strdup(a, b->p ? b->p : "");
}

static remark *convert(reader *rd, LLVMRemarkEntryRef e) {
  arena *a = rd->arena;
  remark *r = arena_alloc(a, sizeof *r);
  memset(r, 0, sizeof *r);
  r->kind = read_kind(LLVMRemarkEntryGetType(e));
  r->pass = str(rd, LLVMRemarkEntryGetPassName(e));
  r->name = str(rd, LLVMRemarkEntryGetRemarkName(e));
  r->function = str(rd, LLVMRemarkEntryGetFunctionName(e));
  r->loc = read_loc(rd, LLVMRemarkEntryGetDebugLoc(e));
  r->nargs = LLVMRemarkEntryGetNumArgs(e);
  r->args = arena_alloc(a, (r->nargs ? r->nargs : 1) * sizeof *r->args);
  buf_clear(&rd->msg);
  unsigned i = 0;
  for (LLVMRemarkArgRef it = LLVMRemarkEntryGetFirstArg(e);
       it && i < r->nargs; it = LLVMRemarkEntryGetNextArg(it, e), i++) {
    arg *g = &r->args[i];
    g->key = str(rd, LLVMRemarkArgGetKey(it));
    g->value = str(rd, LLVMRemarkArgGetValue(it));
    g->loc = read_loc(rd, LLVMRemarkArgGetDebugLoc(it));
    buf_puts(&rd->msg, g->value);
  }
  r->nargs = i;
  r->message = arena_strdup(a, rd->msg.p ? rd->msg.p : "");
  split_inlined(a, r, &rd->msg);
  r->callee = named(r, "Callee");
  r->size = named(r, "Size");
  r->reason = named(r, "Reason");
  r->target = named(r, "Target");
  r->limit = named(r, "Limit");
  r->frees = named(r, "Frees");
  r->seq = (*rd->seq)++;
  return r;
}

/* Cheap pass-name test before copying a remark (quoted when from YAML). */
static int same(LLVMRemarkStringRef s, const char *lit) {
  size_t n = strlen(lit);
  const char *d = s ? LLVMRemarkStringGetData(s) : NULL;
  size_t len = d ? LLVMRemarkStringGetLen(s) : 0;
  if (len == n + 2 && (d[0] == '"' || d[0] == '\'') && d[len - 1] == d[0]) {
    d++;
    len -= 2;
  }
  return d && len == n && memcmp(d, lit, n) == 0;
}

/* LLVM's YAML errors read "YAML:3:1: error: what.\n<source line>\n^";
 * keep one line and name the file instead of "YAML". */
static int parse_error(reader *rd, const char *path, int bitstream,
                       const char *msg) {
  if (!msg)
    msg = "unknown error";
  unsigned line, col;
  int used = 0;
  if (!bitstream && sscanf(msg, "YAML:%u:%u: error: %n", &line, &col, &used) == 2 &&
      used > 0) {
    const char *rest = msg + used;
    size_t n = strcspn(rest, "\n");
    return fail(rd, "%s:%u:%u: invalid YAML remark file: %.*s", path, line, col,
                (int)n, rest);
  }
  size_t n = strcspn(msg, "\n");
  /* LLVM's bitstream reader says "can't skip to bit N" for a short file */
  int cut = bitstream && (strstr(msg, "skip to bit") ||
                          strstr(msg, "nexpected end of file"));
  return fail(rd, "%s: %s %s remark file: %.*s", path,
              cut ? "truncated" : "invalid", bitstream ? "bitstream" : "YAML",
              (int)n, msg);
}

static int parse(reader *rd, const char *path, const char *data, size_t len) {
  int bitstream = is_bitstream(data, len);
  if (!bitstream && is_blank(data, len))
    return 0; /* a compile with no remarks writes an empty file */
  rd->yaml = !bitstream;
  LLVMRemarkParserRef p = bitstream ? LLVMRemarkParserCreateBitstream(data, len)
                                    : LLVMRemarkParserCreateYAML(data, len);
  if (!p)
    return fail(rd, "%s: cannot create a remark parser", path);
  LLVMRemarkEntryRef e;
  while ((e = LLVMRemarkParserGetNext(p))) {
    if (rd->filter->all_passes || same(LLVMRemarkEntryGetPassName(e), "heap2stack")) {
      remark *r = convert(rd, e);
      if (filter_keep(rd->filter, r))
        vec_push(rd->out, r);
    }
    LLVMRemarkEntryDispose(e);
  }
  int rc = 0;
  if (LLVMRemarkParserHasError(p))
    rc = parse_error(rd, path, bitstream, LLVMRemarkParserGetErrorMessage(p));
  LLVMRemarkParserDispose(p);
  return rc;
}

/* One file; from_dir says it was found by name in a directory walk.
 * *found is set when it held remarks (or was an empty remark file). */
static int read_one(reader *rd, const char *path, int from_dir, int *found) {
  char *data = NULL;
  size_t len = 0;
  if (slurp(rd, path, &data, &len))
    return -1;
  int rc = 0;
  if (from_dir && ends_with(path, ".yaml") && !ends_with(path, ".opt.yaml") &&
      !is_bitstream(data, len) && !is_blank(data, len) &&
      !looks_like_remarks(data, len)) {
    /* not ours: skip */
  } else {
    *found = 1;
    rc = parse(rd, strcmp(path, "-") == 0 ? "<stdin>" : path, data, len);
  }
  free(data);
  return rc;
}

static int is_remark_name(const char *name) {
  return ends_with(name, ".yaml") || ends_with(name, ".bitstream");
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects remark file paths under dir (malloc'd) into files, sorted so
 * that output and errors do not depend on the order readdir returns. */
static int walk(reader *rd, const char *dir, vec *files) {
  DIR *d = opendir(dir);
  if (!d)
    return fail(rd, "cannot read directory '%s': %s", dir, strerror(errno));
  vec subdirs = {0};
  size_t first = files->n;
  struct dirent *de;
  int rc = 0;
  while ((de = readdir(d))) {
    const char *name = de->d_name;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
      continue;
    size_t n = strlen(dir);
    int slash = n > 0 && dir[n - 1] == '/';
    char *path = xmalloc(n + strlen(name) + 2);
    sprintf(path, "%s%s%s", dir, slash ? "" : "/", name);
    struct stat st;
    int ok = lstat(path, &st) == 0;
    /* follow links to files, never to directories (no cycles); hidden
     * directories (.git, .cache) are skipped, but for libtool's .libs,
     * where a shared library's objects and their remarks go */
    if (ok && S_ISLNK(st.st_mode))
      ok = stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
    if (!ok)
      free(path);
    else if (S_ISDIR(st.st_mode) && (name[0] != '.' || strcmp(name, ".libs") == 0))
      vec_push(&subdirs, path);
    else if (S_ISREG(st.st_mode) && is_remark_name(name))
      vec_push(files, path);
    else
      free(path);
  }
  closedir(d);
  vec_sort(files, first, cmp_str);
  vec_sort(&subdirs, 0, cmp_str);
  for (size_t i = 0; i < subdirs.n; i++) {
    if (rc == 0)
      rc = walk(rd, subdirs.v[i], files);
    free(subdirs.v[i]);
  }
  vec_free(&subdirs);
  return rc;
}

static int read_dir(reader *rd, const char *dir) {
  vec files = {0};
  int rc = walk(rd, dir, &files);
  int found = 0;
  for (size_t i = 0; i < files.n; i++) {
    if (rc == 0)
      rc = read_one(rd, files.v[i], 1, &found);
    free(files.v[i]);
  }
  vec_free(&files);
  if (rc == 0 && !found)
    rc = fail(rd, "no remark files (*.opt.yaml, *.yaml, *.opt.bitstream, "
                  "*.bitstream) in directory '%s'",
              dir);
  return rc;
}

int read_input(const char *path, const filter *f, arena *a, vec *out,
               size_t *seq, char *err, size_t errlen) {
  reader rd = {.filter = f, .arena = a, .out = out, .seq = seq,
               .err = err, .errlen = errlen};
  int rc, found = 0;
  struct stat st;
  if (strcmp(path, "-") == 0)
    rc = read_one(&rd, path, 0, &found);
  else if (stat(path, &st) != 0)
    rc = fail(&rd, "cannot open '%s': %s", path, strerror(errno));
  else if (S_ISDIR(st.st_mode))
    rc = read_dir(&rd, path);
  else
    rc = read_one(&rd, path, 0, &found);
  buf_free(&rd.msg);
  return rc;
}

int read_buffer(const char *name, const char *data, size_t len,
                const filter *f, arena *a, vec *out, size_t *seq, char *err,
                size_t errlen) {
  reader rd = {.filter = f, .arena = a, .out = out, .seq = seq,
               .err = err, .errlen = errlen};
  int rc = parse(&rd, name, data, len);
  buf_free(&rd.msg);
  return rc;
}
