/* The other translation unit of visit_callback.c: calls the function it is
   given, which is how walk() recurses. */
void visit(long (*f)(int), int n) {
  if (f(n) < 0)
    visit(f, n);
}
