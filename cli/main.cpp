// proflens: thin entry point; the command line lives in cli/cli.cpp so
// tests can run it in-process.
#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  // glibc raises its mmap threshold each time a large block is freed, up to
  // 32 MiB, and then keeps freed blocks below that in the heap: a reader
  // that frees each piece it merged would hold every piece's memory. A fixed
  // threshold gives blocks of 128 KiB and more back to the system when freed
  // (peak memory of a 917 MiB perf capture to folded: 275 -> 230 MiB).
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  // The heap grows 16 MiB at a time rather than by each request: a reader
  // growing many small blocks otherwise asks the kernel again and again
  // (perf.data of 86 K samples to folded: 0.37 -> 0.25 s of CPU, 1.06 ->
  // 0.64 s wall on the shared 2-core VM; peak memory +2 MiB).
  mallopt(M_TOP_PAD, 16 << 20);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv, argv + argc);
  int code = proflens::RunCli(args, std::cout, std::cerr);
  std::cout.flush();
  if (!std::cout) {
    if (code == 0) std::cerr << "proflens: writing standard output failed\n";  // else the command said so
    return 3;
  }
  return code;
}
