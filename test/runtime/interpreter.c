/* A tiny expression interpreter: a parser builds an AST on the heap (nodes
   are returned: heap), evaluation allocates an environment frame per call
   linked to its parent (local to the call: stack, except frames captured
   by closures: heap), and scratch operand stacks per evaluation (stack). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { NUM, ADD, MUL, VAR, LET, CLOS, CALL };

struct node {
  enum kind k;
  long num;
  int var;
  struct node *a, *b;
};

struct env {
  const struct env *parent;
  int var;
  long value;
};

struct closure {
  const struct node *body;
  const struct env *env; /* captured: the frame must outlive the call */
  int param;
};

static struct closure *closures[64];
static int nclosures;

static const char *src;

__attribute__((noinline)) static struct node *mk(enum kind k) {
  struct node *n = calloc(1, sizeof *n); /* h2s: heap */
  n->k = k;
  return n;
}

static struct node *parse(void);

static struct node *atom(void) {
  char c = *src++;
  if (c >= '0' && c <= '9') {
    struct node *n = mk(NUM);
    n->num = c - '0';
    return n;
  }
  if (c >= 'a' && c <= 'z') {
    struct node *n = mk(VAR);
    n->var = c - 'a';
    return n;
  }
  if (c == '(') { /* (op x y) */
    char op = *src++;
    struct node *n;
    if (op == 'L') { /* (Lv e body): let */
      n = mk(LET);
      n->var = *src++ - 'a';
    } else if (op == 'F') { /* (Fv body): closure */
      n = mk(CLOS);
      n->var = *src++ - 'a';
      n->a = parse();
      src++;
      return n;
    } else {
      n = mk(op == '+' ? ADD : op == '*' ? MUL : CALL);
    }
    n->a = parse();
    n->b = parse();
    src++; /* ')' */
    return n;
  }
  return mk(NUM);
}

static struct node *parse(void) {
  while (*src == ' ')
    src++;
  return atom();
}

__attribute__((noinline)) static long lookup(const struct env *e, int var) {
  for (; e; e = e->parent)
    if (e->var == var)
      return e->value;
  return 0;
}

static long eval(const struct node *n, const struct env *e);

__attribute__((noinline)) static long eval_let(const struct node *n,
                                               const struct env *e) {
  struct env *f = malloc(sizeof *f); /* h2s: heap (a closure may capture it) */
  f->parent = e;
  f->var = n->var;
  f->value = eval(n->a, e);
  long r = eval(n->b, f);
  return r; /* leaks f when a closure captured it; fine for a test */
}

__attribute__((noinline)) static long eval_clos(const struct node *n,
                                                const struct env *e) {
  struct closure *c = malloc(sizeof *c); /* h2s: heap */
  c->body = n->a;
  c->env = e;
  c->param = n->var;
  closures[nclosures] = c;
  return nclosures++;
}

__attribute__((noinline)) static long eval_call(const struct node *n,
                                                const struct env *e) {
  long idx = eval(n->a, e);
  long arg = eval(n->b, e);
  const struct closure *c = closures[idx % (nclosures ? nclosures : 1)];
  if (!c)
    return 0;
  struct env *f = malloc(sizeof *f); /* h2s: heap (a closure may capture it) */
  f->parent = c->env;
  f->var = c->param;
  f->value = arg;
  long r = eval(c->body, f);
  return r;
}

static long eval(const struct node *n, const struct env *e) {
  switch (n->k) {
  case NUM: return n->num;
  case VAR: return lookup(e, n->var);
  case ADD: return eval(n->a, e) + eval(n->b, e);
  case MUL: return eval(n->a, e) * eval(n->b, e) % 1000003;
  case LET: return eval_let(n, e);
  case CLOS: return eval_clos(n, e);
  case CALL: return eval_call(n, e);
  }
  return 0;
}

/* Scratch buffer per run: only snprintf'd into and printed. */
__attribute__((noinline)) static void run(const char *text) {
  src = text;
  struct node *root = parse();
  long v = eval(root, NULL);
  char *out = malloc(64); /* h2s: stack */
  snprintf(out, 64, "%s => %ld", text, v);
  puts(out);
  free(out);
}

int main(void) {
  run("(+ 1 2)");
  run("(La 3 (* a (+ a 4)))");
  run("(La 2 (Lb 5 (+ (* a b) (La 7 (* a b)))))");
  run("(Lf (Fx (* x x)) (C f 9))");
  run("(Lk 4 (Lf (Fx (+ x k)) (+ (C f 1) (C f 2))))");
  return 0;
}
