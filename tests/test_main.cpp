// Catch2 main: fixes the time zone so that "Time:" header lines match the
// goldens, which were made with TZ=UTC, and removes the files the tests wrote
// when they passed (ctest runs every test case in a process of its own: each
// left a directory behind, 67 GB over a few days of runs here).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

#include "tests/test_util.h"

int main(int argc, char* argv[]) {
  setenv("TZ", "UTC", 1);
  tzset();
  const int failed = Catch::Session().run(argc, argv);
  if (failed == 0) proflens::testing::RemoveTempDirs();  // kept to look at when a test failed
  return failed;
}
