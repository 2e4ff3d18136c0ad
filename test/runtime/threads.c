/* Trap (DESIGN.md "Traps"): pthread_create(..., p) publishes p to another thread,
   which may run after the creating function has returned. The thread
   arguments must stay on the heap, including when p is stored inside a
   local box whose address is passed. Threads are joined by main, after the
   creating functions have returned and their frames have been reused.
   Scratch memory used only inside a thread may move to that thread's stack. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct job {
  int id;
  long result;
  char label[24];
};

struct wrapper {
  struct job *job;
};

static pthread_t threads[8];
static struct job *jobs[8];

/* Makes the worker wait until main says go, after the frames are gone. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int go;

static void wait_for_go(void) {
  pthread_mutex_lock(&lock);
  while (!go)
    pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);
}

static void *work(void *arg) {
  struct job *j = arg;
  wait_for_go();
  long r = 0;
  for (int i = 0; i <= j->id * 100; i++)
    r += i % 7;
  /* Scratch memory private to the thread may live on the thread's stack. */
  char *tmp = malloc(40); /* h2s: stack */
  snprintf(tmp, 40, "%s=%ld", j->label, r);
  j->result = r + (long)strlen(tmp);
  free(tmp);
  return NULL;
}

static void *work_wrapped(void *arg) {
  struct wrapper *w = arg;
  struct job *j = w->job;
  free(w);
  return work(j);
}

__attribute__((noinline)) static void clobber(void) {
  volatile char junk[8192];
  for (int i = 0; i < 8192; i++)
    junk[i] = (char)(i * 9);
  __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) static void start(int i) {
  struct job *j = malloc(sizeof *j); /* h2s: heap */
  j->id = i;
  j->result = 0;
  snprintf(j->label, sizeof j->label, "job %d", i);
  jobs[i] = j;
  pthread_create(&threads[i], NULL, work, j);
}

/* The job is not stored anywhere else: only the thread knows it. */
__attribute__((noinline)) static void start_private(int i, long *out) {
  struct job *j = malloc(sizeof *j); /* h2s: heap */
  j->id = i;
  j->result = 0;
  snprintf(j->label, sizeof j->label, "private %d", i);
  pthread_create(&threads[i], NULL, work, j);
  *out = i; /* nothing else keeps j */
}

__attribute__((noinline)) static void start_wrapped(int i) {
  struct job *j = malloc(sizeof *j); /* h2s: heap */
  j->id = i;
  j->result = 0;
  snprintf(j->label, sizeof j->label, "wrapped job %d", i);
  jobs[i] = j;
  struct wrapper *w = malloc(sizeof *w); /* h2s: heap */
  w->job = j;
  pthread_create(&threads[i], NULL, work_wrapped, w);
}

int main(void) {
  long priv[8];
  for (int i = 0; i < 3; i++)
    start(i);
  for (int i = 3; i < 5; i++)
    start_private(i, &priv[i]);
  for (int i = 5; i < 8; i++)
    start_wrapped(i);
  clobber();
  pthread_mutex_lock(&lock);
  go = 1;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < 8; i++)
    pthread_join(threads[i], NULL);
  for (int i = 0; i < 8; i++) {
    if (i == 3 || i == 4) {
      printf("private %ld joined\n", priv[i]);
      continue;
    }
    printf("%s: %ld\n", jobs[i]->label, jobs[i]->result);
    free(jobs[i]);
  }
  return 0;
}
