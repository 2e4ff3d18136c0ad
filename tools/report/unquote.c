/* YAML scalars as LLVM's remark parser returns them: raw, so undo quoting. */
#include "report.h"

#include <string.h>

/* LLVM's YAMLRemarkParser hands out a scalar's raw text with one pair of
 * single quotes stripped: 'it''s' arrives as it''s, and a double-quoted
 * "caf\xe9" (how LLVM's YAML writer quotes UTF-8 and control characters)
 * arrives with its quotes and escapes. Bitstream strings are exact. */

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static char *put_utf8(char *o, unsigned long cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  if (cp < 0x80) {
    *o++ = (char)cp;
  } else if (cp < 0x800) {
    *o++ = (char)(0xC0 | (cp >> 6));
    *o++ = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *o++ = (char)(0xE0 | (cp >> 12));
    *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *o++ = (char)(0x80 | (cp & 0x3F));
  } else {
    *o++ = (char)(0xF0 | (cp >> 18));
    *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
    *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *o++ = (char)(0x80 | (cp & 0x3F));
  }
  return o;
}

/* The escape after a backslash at *pp (pointing past it); writes at o. */
static char *unescape(const char **pp, const char *end, char *o) {
  const char *p = *pp;
  char c = *p++;
  int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits && end - p >= digits) {
    unsigned long cp = 0;
    int i = 0;
    while (i < digits && hex_value(p[i]) >= 0)
      cp = cp * 16 + (unsigned long)hex_value(p[i++]);
    if (i == digits) {
      *pp = p + digits;
      return put_utf8(o, cp);
    }
  }
  *pp = p;
  switch (c) {
  case '0':
    return put_utf8(o, 0);
  case 'a':
    return put_utf8(o, '\a');
  case 'b':
    return put_utf8(o, '\b');
  case 't':
  case '\t':
    return put_utf8(o, '\t');
  case 'n':
    return put_utf8(o, '\n');
  case 'v':
    return put_utf8(o, '\v');
  case 'f':
    return put_utf8(o, '\f');
  case 'r':
    return put_utf8(o, '\r');
  case 'e':
    return put_utf8(o, 0x1B);
  case ' ':
  case '"':
  case '/':
  case '\\':
    return put_utf8(o, (unsigned char)c);
  case 'N':
    return put_utf8(o, 0x85);
  case '_':
    return put_utf8(o, 0xA0);
  case 'L':
    return put_utf8(o, 0x2028);
  case 'P':
    return put_utf8(o, 0x2029);
  }
  /* not an escape YAML knows: keep it as written */
  *o++ = '\\';
  *o++ = c;
  return o;
}

const char *yaml_unquote(arena *a, const char *s) {
  size_t n = strlen(s);
  int dq = n >= 2 && s[0] == '"' && s[n - 1] == '"';
  if (!dq && !strstr(s, "''"))
    return s;
  /* no escape writes more than twice what it reads */
  char *out = arena_alloc(a, 2 * n + 1), *o = out;
  if (dq) {
    const char *p = s + 1, *end = s + n - 1;
    while (p < end) {
      if (*p == '\\' && p + 1 < end) {
        p++;
        o = unescape(&p, end, o);
      } else {
        *o++ = *p++;
      }
    }
  } else {
    for (const char *p = s; *p; p++) {
      *o++ = *p;
      if (p[0] == '\'' && p[1] == '\'')
        p++;
    }
  }
  *o = '\0';
  return out;
}
