/* The other half of a recursion across translation units. */
long rec(int n);

long other(int n) { return rec(n) + 1; }
