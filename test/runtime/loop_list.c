/* Trap (DESIGN.md "Traps"): a node allocated in a loop is linked into a list that
   lives across iterations. One stack slot reused by every iteration would
   make all nodes the same node, so the nodes must stay on the heap. The
   per-iteration scratch buffer next to them does not outlive its iteration
   and may move. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  struct node *next;
  int value;
  char tag[12];
};

/* The list is freed node by node afterwards. */
static void freed_list(void) {
  struct node *head = NULL;
  for (int i = 0; i < 50; i++) {
    char *scratch = malloc(16); /* h2s: stack */
    snprintf(scratch, 16, "n%d", i * 7);
    struct node *n = malloc(sizeof *n); /* h2s: heap */
    n->value = i * i;
    memcpy(n->tag, scratch, strlen(scratch) + 1);
    n->next = head;
    head = n;
    free(scratch);
  }
  long sum = 0;
  size_t tags = 0;
  int count = 0;
  for (struct node *n = head; n; n = n->next) {
    sum += n->value;
    tags += strlen(n->tag);
    count++;
  }
  printf("freed: count=%d sum=%ld tags=%zu first=%s\n", count, sum, tags,
         head->tag);
  while (head) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
}

/* The list is never freed: only the loop-depth rule keeps the nodes apart. */
__attribute__((noinline)) static long leaked_list(int n) {
  struct node *head = NULL;
  for (int i = 0; i < n; i++) {
    struct node *nd = malloc(sizeof *nd); /* h2s: heap */
    nd->value = i + 1;
    nd->next = head;
    head = nd;
  }
  long sum = 0;
  for (struct node *p = head; p; p = p->next)
    sum = sum * 3 + p->value;
  return sum;
}

int main(void) {
  freed_list();
  printf("leaked: %ld\n", leaked_list(20));
  return 0;
}
