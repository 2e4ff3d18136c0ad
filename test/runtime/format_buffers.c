/* Positive: temporary format buffers. A buffer is filled by snprintf (or
   strcpy/strcat, or sprintf into a calloc'd buffer), printed with puts,
   fputs or printf("%s"), measured with strlen and freed. None of these libc
   functions keeps the pointer, so every buffer moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static size_t line(int i) {
  char *buf = malloc(64); /* h2s: stack */
  snprintf(buf, 64, "line %03d: %x", i, i * 2654435761u);
  puts(buf);
  size_t n = strlen(buf);
  free(buf);
  return n;
}

__attribute__((noinline)) static size_t joined(int i) {
  char *buf = malloc(96); /* h2s: stack */
  strcpy(buf, "joined");
  for (int k = 0; k < i % 4; k++)
    strcat(buf, "-part");
  fputs(buf, stdout);
  fputc('\n', stdout);
  size_t n = strlen(buf);
  free(buf);
  return n;
}

__attribute__((noinline)) static size_t zeroed(int i) {
  char *buf = calloc(48, 1); /* h2s: stack */
  sprintf(buf, "%d squared is %d", i, i * i);
  printf("[%s]\n", buf);
  size_t n = strlen(buf);
  free(buf);
  return n;
}

__attribute__((noinline)) static size_t two_buffers(int i) {
  char *a = malloc(32); /* h2s: stack */
  char *b = malloc(32); /* h2s: stack */
  snprintf(a, 32, "%d", i);
  snprintf(b, 32, "<%s|%s>", a, a);
  int same = strcmp(a, b) == 0;
  printf("%s %d\n", b, same);
  size_t n = strlen(b) + strlen(a);
  free(b);
  free(a);
  return n;
}

int main(void) {
  size_t total = 0;
  for (int i = 0; i < 12; i++)
    total += line(i) + joined(i) + zeroed(i) + two_buffers(i);
  printf("total=%zu\n", total);
  return 0;
}
