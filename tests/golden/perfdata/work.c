// A program with no C library (so a capture of it needs no DSO but itself
// and the kernel): recursion, mutual recursion, a loop of read/write system
// calls (kernel stacks, as dd gives), and fork (a multi-process capture).
//   gcc -O1 -g0 -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-inline
//       -static -nostdlib -fno-stack-protector -o work work.c
// ./work cpu N | ./work io N | ./work fork N
typedef unsigned long u64;

static long Syscall3(long n, long a, long b, long c) {
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return ret;
}

enum { kRead = 0, kWrite = 1, kOpen = 2, kFork = 57, kExit = 60, kWait4 = 61 };

static u64 Fib(u64 n) { return n < 2 ? n : Fib(n - 1) + Fib(n - 2); }

static int IsOdd(u64 n);
static int IsEven(u64 n) { return n == 0 ? 1 : IsOdd(n - 1); }
static int IsOdd(u64 n) { return n == 0 ? 0 : IsEven(n - 1); }

static u64 Spin(u64 rounds) {
  u64 sum = 0;
  for (u64 i = 0; i < rounds; ++i) sum += Fib(22) + (u64)IsEven(2000 + (i & 7));
  return sum;
}

static char buffer[65536];

static void Copy(u64 blocks) {
  const long in = Syscall3(kOpen, (long)"/dev/zero", 0, 0);
  const long out = Syscall3(kOpen, (long)"/dev/null", 1, 0);
  for (u64 i = 0; i < blocks; ++i) {
    Syscall3(kRead, in, (long)buffer, sizeof buffer);
    Syscall3(kWrite, out, (long)buffer, sizeof buffer);
  }
}

static u64 Number(const char* s) {
  u64 n = 0;
  while (*s >= '0' && *s <= '9') n = n * 10 + (u64)(*s++ - '0');
  return n;
}

static u64 sink;

int Main(int argc, char** argv) {
  if (argc < 3) return 2;
  const u64 n = Number(argv[2]);
  if (argv[1][0] == 'c') sink = Spin(n);
  if (argv[1][0] == 'i') Copy(n);
  if (argv[1][0] == 'f') {
    const long child = Syscall3(kFork, 0, 0, 0);
    if (child == 0) {
      sink = Spin(n);
      return 0;
    }
    sink = Spin(n / 2);
    Syscall3(kWait4, child, 0, 0);
  }
  return 0;
}

__attribute__((force_align_arg_pointer)) void StartC(long* sp) {
  const int argc = (int)sp[0];
  char** argv = (char**)(sp + 1);
  Syscall3(kExit, Main(argc, argv), 0, 0);
}

__asm__(".globl _start\n_start:\n  xor %rbp, %rbp\n  mov %rsp, %rdi\n  call StartC\n  hlt\n");
