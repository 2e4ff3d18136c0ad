/* Trap (DESIGN.md "Model" through summaries): list nodes allocated in a loop and
   linked by noinline helpers, push(&head, n) into a local head and
   append(l, n) into a list object allocated before the loop. The helpers
   store the node into the caller's memory (an out-parameter), which lives
   across iterations, so the nodes stay on the heap; the list object moves. */
#include <stdio.h>
#include <stdlib.h>

struct node {
  struct node *next;
  const char *tag;
};

struct list {
  struct node *head;
  struct node *tail;
};

static const char *const tags[] = {"p", "q", "r"};

__attribute__((noinline)) static void push(struct node **head, struct node *n) {
  n->next = *head;
  *head = n;
}

__attribute__((noinline)) static void append(struct list *l, struct node *n) {
  n->next = NULL;
  if (l->tail)
    l->tail->next = n;
  else
    l->head = n;
  l->tail = n;
}

/* Pointer comparisons only. */
__attribute__((noinline)) static long shape(const struct node *n) {
  long c = 0;
  for (; n; n = n->next)
    c = c * 3 + (n->tag == tags[1]) + 1;
  return c;
}

__attribute__((noinline)) static long with_push(int k) {
  struct node *head = NULL;
  for (int i = 0; i < k; i++) {
    struct node *n = malloc(sizeof *n); /* h2s: heap */
    n->tag = tags[i % 3];
    push(&head, n);
  }
  long c = shape(head);
  while (head) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
  return c;
}

__attribute__((noinline)) static long with_append(int k) {
  struct list *l = malloc(sizeof *l); /* h2s: stack */
  l->head = l->tail = NULL;
  for (int i = 0; i < k; i++) {
    struct node *n = malloc(sizeof *n); /* h2s: heap */
    n->tag = tags[(i * 2) % 3];
    append(l, n);
  }
  long c = shape(l->head);
  free(l);
  return c;
}

int main(void) {
  long t = 0;
  for (int k = 1; k < 12; k++)
    t = t * 7 % 1000003 + with_push(k) + with_append(k);
  printf("checksum=%ld\n", t);
  return 0;
}
