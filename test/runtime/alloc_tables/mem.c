/* Allocator tables of alloc_tables (see main.c): a function pointer and a
   table of them that are never reassigned, and a table the program picks
   at run time. */
#include <stdlib.h>

struct mem_methods {
  void *(*alloc)(size_t);
  void (*release)(void *);
};

/* Never written after initialisation, address never taken. */
void *(*mem_alloc_fn)(size_t) = malloc;
void (*mem_free_fn)(void *) = free;
struct mem_methods mem_fixed = {malloc, free};
const struct mem_methods mem_const = {malloc, free};

/* Never written either, but its address is stored in mem_current, so a
   write through that pointer is possible as far as the optimiser knows. */
struct mem_methods mem_default = {malloc, free};

/* Chosen at run time (main.c calls mem_configure). */
static void *counting_alloc(size_t n) { return malloc(n); }
struct mem_methods mem_counting = {counting_alloc, free};
struct mem_methods *mem_current = &mem_default;

void mem_configure(int counting) {
  mem_current = counting ? &mem_counting : &mem_default;
}
