#include "tests/live_perf.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace proflens::testing {

bool PerfCanRecord(std::string* why) {
  if (std::system("perf --version > /dev/null 2>&1") != 0) {
    *why = "perf is not installed";
    return false;
  }
  std::ifstream paranoid("/proc/sys/kernel/perf_event_paranoid");
  int level = 3;
  paranoid >> level;
  if (level > 1 && ::geteuid() != 0) {
    *why = "perf_event_paranoid is " + std::to_string(level) + " (needs <= 1, or root)";
    return false;
  }
  return true;
}

}  // namespace proflens::testing
