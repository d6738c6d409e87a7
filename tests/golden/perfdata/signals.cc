// For the live --call-graph dwarf test: a dynamic C++ program whose stacks
// go through libc and libstdc++ (std::sort's templates, inlined), deep
// recursion (stacks longer than perf copies), and a signal handler (a
// signal trampoline's frame, which perf's libunwind and libdw tell apart).
//   signals ROUNDS
#include <sys/time.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

static volatile unsigned long sink;

__attribute__((noinline)) unsigned long Deep(int n) {
  if (n == 0) {
    unsigned long s = 0;
    for (int i = 0; i < 20000; ++i) s += static_cast<unsigned long>(i) * i;
    return s;
  }
  return Deep(n - 1) + sink;
}

static void Handler(int) {
  for (int i = 0; i < 200000; ++i) sink = sink + i;
}

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 30;
  std::signal(SIGALRM, Handler);
  struct itimerval every = {{0, 3000}, {0, 3000}};
  setitimer(ITIMER_REAL, &every, nullptr);
  std::vector<std::string> v;
  for (int r = 0; r < rounds; ++r) {
    v.clear();
    for (int i = 0; i < 20000; ++i) v.push_back(std::to_string(std::rand()));
    std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return a < b; });
    std::map<std::string, int> counts;
    for (const std::string& s : v) counts[s]++;
    sink = sink + Deep(200 + r);
  }
  std::printf("%lu\n", static_cast<unsigned long>(sink));
}
