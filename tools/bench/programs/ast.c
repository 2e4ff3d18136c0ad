/* ast.c: a parser that builds a small AST per call. A recursive-descent
 * parser for arithmetic over variables (a rule in a config file, a filter
 * expression), evaluated once and freed: the usual "parse, run, discard"
 * path of small interpreters. Each call parses one of eight expressions of
 * 7 to 15 nodes. The hand-written version takes the nodes from an arena in
 * the caller's frame and frees nothing. */
#define BENCH_ITERS 1500000
#include "../bench.h"

enum kind { NUM, VAR, ADD, SUB, MUL, DIV };

struct ast {
  enum kind kind;
  long value; /* NUM: the number; VAR: the variable index */
  struct ast *l, *r;
};

#define MAXNODES 32
struct parser {
  const char *p;
#ifdef BENCH_HAND
  struct ast nodes[MAXNODES];
  int used;
#endif
};

static struct ast *node(struct parser *ps, enum kind k, long v, struct ast *l,
                        struct ast *r) {
#ifdef BENCH_HAND
  struct ast *n = &ps->nodes[ps->used++];
#else
  (void)ps;
  struct ast *n = malloc(sizeof *n);
  if (!n)
    abort();
#endif
  n->kind = k, n->value = v, n->l = l, n->r = r;
  return n;
}

static struct ast *expr(struct parser *ps);

static struct ast *primary(struct parser *ps) {
  char c = *ps->p;
  if (c == '(') {
    ps->p++;
    struct ast *e = expr(ps);
    ps->p++; /* ')' */
    return e;
  }
  if (c >= 'a' && c <= 'z') {
    ps->p++;
    return node(ps, VAR, c - 'a', NULL, NULL);
  }
  long v = 0;
  while (*ps->p >= '0' && *ps->p <= '9')
    v = v * 10 + (*ps->p++ - '0');
  return node(ps, NUM, v, NULL, NULL);
}

static struct ast *term(struct parser *ps) {
  struct ast *l = primary(ps);
  while (*ps->p == '*' || *ps->p == '/') {
    enum kind k = *ps->p++ == '*' ? MUL : DIV;
    l = node(ps, k, 0, l, primary(ps));
  }
  return l;
}

static struct ast *expr(struct parser *ps) {
  struct ast *l = term(ps);
  while (*ps->p == '+' || *ps->p == '-') {
    enum kind k = *ps->p++ == '+' ? ADD : SUB;
    l = node(ps, k, 0, l, term(ps));
  }
  return l;
}

static long eval(const struct ast *n, const long *vars) {
  switch (n->kind) {
  case NUM:
    return n->value;
  case VAR:
    return vars[n->value];
  case ADD:
    return eval(n->l, vars) + eval(n->r, vars);
  case SUB:
    return eval(n->l, vars) - eval(n->r, vars);
  case MUL:
    return eval(n->l, vars) * eval(n->r, vars);
  default: {
    long d = eval(n->r, vars);
    return d ? eval(n->l, vars) / d : 0;
  }
  }
}

#ifndef BENCH_HAND
static void free_ast(struct ast *n) {
  if (!n)
    return;
  free_ast(n->l);
  free_ast(n->r);
  free(n);
}
#endif

static const char *const sources[8] = {
    "(a+3)*b-4/(c+1)", "a*a+b*b-c*c",      "x*(y+2)-z/3",
    "(a+b)*(c+d)/2",   "10+a*(b-c)+d",     "p/(q+1)+r*(s-2)",
    "((a+1)*(b+2))-3", "a+b+c+d+e+f+g+h"};

static long vars[26];

static void setup(void) {
  for (int i = 0; i < 26; i++)
    vars[i] = i + 1;
}

uint64_t op(uint64_t i) {
  struct parser ps = {.p = sources[i % 8]};
  struct ast *tree = expr(&ps);
  long v = eval(tree, vars);
#ifndef BENCH_HAND
  free_ast(tree);
#endif
  return (uint64_t)v;
}
