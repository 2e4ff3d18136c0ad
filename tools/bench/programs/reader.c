/* reader.c: a C port of the seed's reader benchmark. A Read that returns a
 * fresh buffer (11.05 ns/op, 1 allocation in Go) against one that fills
 * the caller's buffer (2.078 ns/op, 0 allocations).
 *
 * The reader walks a 4 KiB in-memory source, 64 bytes per read; the caller
 * checks the bytes it got. The hand-written version (-DBENCH_HAND) is the
 * "fill the caller's buffer" API. */
#define BENCH_ITERS 20000000
#include "../bench.h"
#include <string.h>

#define SRC_LEN 4096
#define CHUNK 64

struct reader {
  const unsigned char *src;
  size_t len, off;
};

static unsigned char source[SRC_LEN];

static void setup(void) {
  uint64_t s = 42;
  for (size_t i = 0; i < SRC_LEN; i++)
    source[i] = (unsigned char)bench_rand(&s);
}

/* Copies up to n bytes at the reader's offset into buf, wrapping at the
 * end of the source; returns how many it copied. */
size_t reader_read_into(struct reader *r, unsigned char *buf, size_t n) {
  if (r->off + n > r->len)
    r->off = 0;
  memcpy(buf, r->src + r->off, n);
  r->off += n;
  return n;
}

/* The allocating API: a fresh buffer the caller frees. */
unsigned char *reader_read(struct reader *r, size_t n) {
  unsigned char *buf = malloc(n);
  if (!buf)
    abort();
  reader_read_into(r, buf, n);
  return buf;
}

static uint64_t checksum(const unsigned char *p, size_t n) {
  uint64_t h = 1469598103934665603u;
  for (size_t i = 0; i < n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = (h ^ w) * 1099511628211u;
  }
  return h;
}

uint64_t op(uint64_t i) {
  struct reader r = {source, SRC_LEN, (size_t)(i * CHUNK) % SRC_LEN};
#ifdef BENCH_HAND
  unsigned char buf[CHUNK];
  reader_read_into(&r, buf, CHUNK);
  uint64_t h = checksum(buf, CHUNK);
#else
  unsigned char *buf = reader_read(&r, CHUNK);
  uint64_t h = checksum(buf, CHUNK);
  free(buf);
#endif
  return h;
}
