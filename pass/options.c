/* options.c: heap2stack's options, parsed from pipeline text
 * (`heap2stack<max-size=4096>`) and from -heap2stack-options. Bad input gets
 * one line saying what is wrong, never a crash. */
#include "h2s.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void h2s_options_default(h2s_options *o) {
  memset(o, 0, sizeof *o);
  o->max_size = 65536; /* Go's MaxImplicitStackVarSize */
}

/* A non-negative decimal integer that fits in 63 bits, nothing else. */
static int parse_u64(const char *s, size_t len, uint64_t *out) {
  if (len == 0 || len > 19)
    return -1;
  uint64_t v = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  if (v > (uint64_t)INT64_MAX)
    return -1;
  *out = v;
  return 0;
}

int h2s_options_parse(h2s_options *o, const char *text, char *err,
                      size_t errlen) {
  h2s_options r = *o;
  const char *p = text ? text : "";
  while (*p) {
    const char *end = strchr(p, ';');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    const char *eq = memchr(p, '=', len);
    if (len == 0) {
      snprintf(err, errlen, "empty option in '%s'", text);
      return -1;
    }
    if (!eq) {
      snprintf(err, errlen, "option '%.*s' needs a value (key=value)",
               (int)len, p);
      return -1;
    }
    size_t klen = (size_t)(eq - p);
    const char *val = eq + 1;
    size_t vlen = len - klen - 1;
    if (klen == 8 && memcmp(p, "max-size", 8) == 0) {
      if (parse_u64(val, vlen, &r.max_size) != 0) {
        snprintf(err, errlen,
                 "invalid max-size '%.*s': expected a number of bytes",
                 (int)vlen, val);
        return -1;
      }
    } else {
      snprintf(err, errlen, "unknown option '%.*s' (known: max-size)",
               (int)klen, p);
      return -1;
    }
    p += len;
    if (*p == ';')
      p++;
  }
  *o = r;
  return 0;
}
