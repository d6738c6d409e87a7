// A workload whose stacks really vary, for benchmarks on a real capture
// (tests/bench/real_capture.sh): threads walk a random call tree of 64
// functions, recursing up to 24 deep along paths chosen by a per-thread
// random generator, so distinct stacks number in the hundreds of thousands.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef uint64_t (*fn)(uint64_t, int);
static fn table[64];
static volatile uint64_t sink;

static inline uint64_t next(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static uint64_t spin(uint64_t x, int n) {
  for (int i = 0; i < n; ++i) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  return x;
}

#define F(k)                                                                  \
  __attribute__((noinline)) static uint64_t f##k(uint64_t s, int depth) {     \
    uint64_t x = spin(s, 40 + (k % 7) * 20);                                   \
    if (depth > 0) {                                                           \
      int calls = 1 + (int)(next(&s) % 2);                                     \
      for (int c = 0; c < calls; ++c) x ^= table[next(&s) % 64](s + c, depth - 1 - (int)(next(&s) % 3)); \
    }                                                                          \
    __asm__ volatile("" ::: "memory");                                         \
    return x;                                                                  \
  }
F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13) F(14) F(15)
F(16) F(17) F(18) F(19) F(20) F(21) F(22) F(23) F(24) F(25) F(26) F(27) F(28) F(29) F(30) F(31)
F(32) F(33) F(34) F(35) F(36) F(37) F(38) F(39) F(40) F(41) F(42) F(43) F(44) F(45) F(46) F(47)
F(48) F(49) F(50) F(51) F(52) F(53) F(54) F(55) F(56) F(57) F(58) F(59) F(60) F(61) F(62) F(63)

static double seconds;

static void *worker(void *arg) {
  uint64_t s = (uint64_t)(uintptr_t)arg * 0x9E3779B97F4A7C15ULL + 1;
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  do {
    for (int i = 0; i < 64; ++i) sink ^= table[next(&s) % 64](next(&s), 6 + (int)(next(&s) % 19));
    clock_gettime(CLOCK_MONOTONIC, &now);
  } while ((now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 < seconds);
  return NULL;
}

int main(int argc, char **argv) {
  fn all[64] = {f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21,
                f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42,
                f43, f44, f45, f46, f47, f48, f49, f50, f51, f52, f53, f54, f55, f56, f57, f58, f59, f60, f61, f62, f63};
  for (int i = 0; i < 64; ++i) table[i] = all[i];
  seconds = argc > 1 ? atof(argv[1]) : 10;
  int threads = argc > 2 ? atoi(argv[2]) : 2;
  pthread_t t[64];
  for (int i = 0; i < threads && i < 64; ++i) pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)(i + 1));
  for (int i = 0; i < threads && i < 64; ++i) pthread_join(t[i], NULL);
  printf("%llu\n", (unsigned long long)sink);
  return 0;
}
