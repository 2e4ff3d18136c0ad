/* The helper of stale-main.c (lto/stale-summary.test): its result points
   into its argument. Compiled with the plugin, it gets
   "heap2stack.ret"="params". */
__attribute__((noinline)) int **pick(int **base, _Bool second) {
  return second ? base + 1 : base;
}
