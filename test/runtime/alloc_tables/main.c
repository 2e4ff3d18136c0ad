/* Allocator tables (issue 19, part 3): allocation through a function
   pointer that is never reassigned (mem_alloc_fn), a table that is never
   written and whose address is never taken (mem_fixed), or a const table
   (mem_const) becomes a direct call to malloc under LTO, once the
   optimiser has seen that nothing writes them, and the block moves at
   link time. A table whose address is stored (mem_default, reachable
   through mem_current) and a table chosen at run time (mem_current) stay
   indirect calls: their blocks stay on the heap. Per file, none of them is
   seen (another file may write the pointers). */
#include <stdio.h>
#include <string.h>

struct mem_methods {
  void *(*alloc)(size_t);
  void (*release)(void *);
};
extern void *(*mem_alloc_fn)(size_t);
extern void (*mem_free_fn)(void *);
extern struct mem_methods mem_fixed;
extern const struct mem_methods mem_const;
extern struct mem_methods mem_default;
extern struct mem_methods *mem_current;
void mem_configure(int counting);

__attribute__((noinline)) static int through_pointer(int k) {
  char *p = mem_alloc_fn(40);
  snprintf(p, 40, "pointer %d", k);
  int r = (int)strlen(p);
  mem_free_fn(p);
  return r;
}

__attribute__((noinline)) static int through_table(int k) {
  char *p = mem_default.alloc(40);
  snprintf(p, 40, "table %d", k);
  int r = (int)strlen(p);
  mem_default.release(p);
  return r;
}

__attribute__((noinline)) static int through_fixed_table(int k) {
  char *p = mem_fixed.alloc(40);
  snprintf(p, 40, "fixed %d", k);
  int r = (int)strlen(p);
  mem_fixed.release(p);
  return r;
}

__attribute__((noinline)) static int through_const_table(int k) {
  char *p = mem_const.alloc(40);
  snprintf(p, 40, "const %d", k);
  int r = (int)strlen(p);
  mem_const.release(p);
  return r;
}

__attribute__((noinline)) static int through_chosen_table(int k) {
  char *p = mem_current->alloc(40);
  snprintf(p, 40, "chosen %d", k);
  int r = (int)strlen(p);
  mem_current->release(p);
  return r;
}

int main(int argc, char **argv) {
  (void)argv;
  mem_configure(argc > 1);
  long s = 0;
  for (int i = 0; i < 100; i++)
    s += through_pointer(i) + through_fixed_table(i) + through_const_table(i) +
         through_table(i) + through_chosen_table(i);
  printf("sum %ld\n", s);
  return 0;
}
