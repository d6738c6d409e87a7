// gperfwork: a small C program for gperftools' CPU and heap profilers, which
// write pprof's legacy formats (see record.sh). Recursion, two call paths to
// one allocator, blocks kept and freed.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static volatile uint64_t sink;

static uint64_t fib(int n) { return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2); }

static char *make_block(size_t size) {
  char *p = malloc(size);
  memset(p, (int)size, size);
  return p;
}

static char *keep[4096];

static void parse_records(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    char *b = make_block(256 + (size_t)(i % 64) * 32);
    sink += (uint64_t)b[7];
    keep[i % 4096] = b;  // the last 4096 stay in use
  }
}

static void build_index(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    char *b = make_block(64 * 1024);
    sink += (uint64_t)b[100];
    free(b);
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 30;
  for (int round = 0; round < 3; ++round) {
    sink += fib(n);
    parse_records(20000);
    build_index(2000);
  }
  return 0;
}
