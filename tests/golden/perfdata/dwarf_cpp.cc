// A program with no C library (so its captures hold no file but itself),
// built -O2 -g without frame pointers, for --call-graph dwarf captures:
// functions inlined into others, templates, namespaces, recursion.
namespace work {

static inline __attribute__((always_inline)) unsigned long Mix(unsigned long x) {
  x ^= x >> 13;
  x *= 0x9e3779b97f4a7c15UL;
  return x ^ (x >> 29);
}

static inline __attribute__((always_inline)) unsigned long Step(unsigned long x, unsigned long i) {
  for (unsigned long k = 0; k < 40; ++k) x = Mix(x + i + k);
  return x;
}

template <typename T>
struct Table {
  T cells[64];
  __attribute__((noinline)) T Fill(unsigned long n) {
    T acc = 0;
    for (unsigned long i = 0; i < n; ++i) {
      acc += Step(cells[i % 64], i);
      cells[i % 64] = acc;
    }
    return acc;
  }
};

__attribute__((noinline)) unsigned long Fib(unsigned long n) { return n < 2 ? n : Fib(n - 1) + Fib(n - 2); }

__attribute__((noinline)) unsigned long Deep(Table<unsigned long>& t, int depth) {
  if (depth == 0) return t.Fill(2000) + Fib(18);
  return Deep(t, depth - 1) + 1;
}

}  // namespace work

extern "C" [[noreturn]] void Exit(long code) {
  asm volatile("syscall" ::"a"(60), "D"(code));
  __builtin_unreachable();
}

extern "C" long Run(long rounds) {
  static work::Table<unsigned long> table;
  unsigned long sum = 0;
  for (long r = 0; r < rounds; ++r) sum += work::Deep(table, static_cast<int>(r % 4));
  return static_cast<long>(sum & 1);
}

// _start: the return address is undefined, as glibc's _start says, so unwinding stops here.
asm(R"(
  .text
  .globl _start
  .type _start, @function
_start:
  .cfi_startproc
  .cfi_undefined rip
  xorl %ebp, %ebp
  movq $3000, %rdi
  andq $-16, %rsp
  call Run
  movq %rax, %rdi
  call Exit
  .cfi_endproc
)");
