#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static volatile long sink;
static inline __attribute__((always_inline)) long mix(long x) { return (x * 2654435761u) ^ (x >> 7); }
long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int is_odd(int n);
int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }
long hash_loop(long n) { long h = 0; for (long i = 0; i < n; i++) h += mix(i + h); return h; }
static int cmp(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }
void sort_words(int n) {
  char** w = malloc(n * sizeof *w);
  for (int i = 0; i < n; i++) { w[i] = malloc(16); snprintf(w[i], 16, "w%08x", (unsigned)mix(i)); }
  qsort(w, n, sizeof *w, cmp);
  for (int i = 0; i < n; i++) free(w[i]);
  free(w);
}
int main(int argc, char** argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 30;
  for (int r = 0; r < rounds; r++) {
    sink += fib(27);
    for (int i = 0; i < 3000; i++) sink += is_even(i);
    sink += hash_loop(3000000);
    sort_words(20000);
  }
  return 0;
}
