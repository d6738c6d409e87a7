// For the tests that run the real perf (tests/formats/perf, tests/cli/record_test.cpp).
#ifndef PROFLENS_TESTS_LIVE_PERF_H_
#define PROFLENS_TESTS_LIVE_PERF_H_

#include <string>

namespace proflens::testing {

// Whether perf is installed and may record here (perf_event_paranoid <= 1,
// or root); when not, `why` says which, and the live tests skip saying so.
bool PerfCanRecord(std::string* why);

}  // namespace proflens::testing

#endif  // PROFLENS_TESTS_LIVE_PERF_H_
