// proflens: thin entry point; the command line lives in cli/cli.cpp so
// tests can run it in-process.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv, argv + argc);
  int code = proflens::RunCli(args, std::cout, std::cerr);
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "proflens: writing standard output failed\n";
    return 3;
  }
  return code;
}
