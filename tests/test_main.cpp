// Catch2 main: fixes the time zone so that "Time:" header lines match the
// goldens, which were made with TZ=UTC.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

int main(int argc, char* argv[]) {
  setenv("TZ", "UTC", 1);
  tzset();
  return Catch::Session().run(argc, argv);
}
