/* format.c: what a printf-family call does with each variadic argument,
 * read from its literal format string (C11 7.21.6.1). A format that is not
 * a constant string, or that this parser does not fully understand
 * (positional `%1$d`, unknown conversions), gets no answer: the caller
 * then assumes the worst for every argument. */
#include "h2s.h"

#include <string.h>

/* The bytes of a constant string global, or NULL. */
static const char *literal(LLVMValueRef v, size_t *len) {
  if (!LLVMIsAGlobalVariable(v) || !LLVMIsGlobalConstant(v))
    return NULL;
  LLVMValueRef init = LLVMGetInitializer(v);
  if (!init || !LLVMIsAConstantDataSequential(init) ||
      !LLVMIsConstantString(init))
    return NULL;
  return LLVMGetAsString(init, len);
}

int h2s_printf_args(LLVMValueRef fmt, char *kinds, int max) {
  size_t len;
  const char *s = literal(fmt, &len);
  if (!s)
    return -1;
  int n = 0;
#define ARG(k)                                                                 \
  do {                                                                         \
    if (n == max)                                                              \
      return -1;                                                               \
    kinds[n++] = (k);                                                          \
  } while (0)
  for (size_t i = 0; i < len && s[i]; i++) {
    if (s[i] != '%')
      continue;
    i++;
    if (i < len && s[i] == '%')
      continue;
    while (i < len && s[i] && strchr("-+ #0'I", s[i]))
      i++;
    /* Width and precision: digits, or '*' taking an int argument. */
    for (int part = 0; part < 2; part++) {
      if (part == 1) {
        if (i >= len || s[i] != '.')
          break;
        i++;
      }
      if (i < len && s[i] == '*') {
        ARG(H2S_FMT_NUMBER);
        i++;
        continue;
      }
      while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
      if (i < len && s[i] == '$')
        return -1; /* positional arguments */
    }
    while (i < len && s[i] && strchr("hlLqjzZt", s[i]))
      i++;
    if (i >= len || !s[i])
      return -1;
    switch (s[i]) {
    case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
    case 'a': case 'A': case 'c': case 'C':
      ARG(H2S_FMT_NUMBER);
      break;
    case 's': case 'S':
      ARG(H2S_FMT_STRING);
      break;
    case 'p':
      ARG(H2S_FMT_POINTER);
      break;
    case 'n':
      ARG(H2S_FMT_WRITE);
      break;
    case 'm': /* glibc: strerror(errno), no argument */
      break;
    default:
      return -1;
    }
  }
#undef ARG
  return n;
}
