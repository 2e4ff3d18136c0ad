// objects.cpp: C++ new/delete of small objects. An order-matching step
// creates a request object with std::make_unique, a temporary std::vector
// of fixed length for the price levels it touches, and a heap-allocated
// result record that is deleted after use: small objects whose lifetime
// is one call, as in much everyday C++. Without the call to sweep(),
// clang -O2 already deletes every new/delete pair here (C++ lets it elide
// allocations whose memory it can forward away). The hand-written version declares
// the same objects as locals (and a std::array for the vector).
#define BENCH_ITERS 8000000
#include "../bench.h"
#include <array>
#include <memory>
#include <vector>

struct Order {
  uint64_t id;
  int side, qty;
  long price;
  Order(uint64_t i, int s, int q, long p) : id(i), side(s), qty(q), price(p) {}
};

struct Fill {
  long notional;
  int levels;
};

static long book[64];

static void setup(void) {
  uint64_t s = 9;
  for (long &p : book)
    p = 1000 + (long)(bench_rand(&s) % 100);
}

// The pricing step is a separate, larger function in real code: it is
// kept out of line here, so the objects are passed to a call.
__attribute__((noinline)) long sweep(const Order &o, long *levels, size_t n) {
  long total = 0;
  for (size_t k = 0; k < n; k++) {
    levels[k] = book[(o.id + k * 7) % 64] + (o.side ? 1 : -1) * (long)k;
    total += levels[k] * (o.qty / 8 + 1);
  }
  return total;
}

uint64_t op(uint64_t i) {
#ifndef BENCH_HAND
  auto order = std::make_unique<Order>(i, (int)(i & 1), (int)(i % 50) + 1,
                                       1000 + (long)(i % 17));
  std::vector<long> levels(8);
  Fill *fill = new Fill{sweep(*order, levels.data(), levels.size()), (int)levels.size()};
  uint64_t r = (uint64_t)(fill->notional + fill->levels + order->price);
  delete fill;
  return r;
#else
  Order order(i, (int)(i & 1), (int)(i % 50) + 1, 1000 + (long)(i % 17));
  std::array<long, 8> levels;
  Fill fill{sweep(order, levels.data(), levels.size()), (int)levels.size()};
  return (uint64_t)(fill.notional + fill.levels + order.price);
#endif
}
