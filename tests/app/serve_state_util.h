// For the tests of proflens serve's views: the state serve builds from its
// inputs, with serve's own defaults (each view's own name policy).
#ifndef PROFLENS_TESTS_APP_SERVE_STATE_UTIL_H_
#define PROFLENS_TESTS_APP_SERVE_STATE_UTIL_H_

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/serve_views.h"

namespace proflens::testing {

inline ServeState LoadServeStateOf(const std::vector<std::string>& files, const std::vector<std::string>& base = {}) {
  ReportArgs defaults;
  defaults.view.files = files;
  defaults.view.base = base;
  defaults.view.symbols = "";  // serve's default: each view's own
  defaults.generator = "proflens " PROFLENS_VERSION;
  std::ostringstream out, err;
  CommandContext context{out, err, Status::Ok(), ReadOptions{}};
  Result<ServeState> state = LoadServeState(defaults, context);
  INFO(state.status().message());
  REQUIRE(state.ok());
  return std::move(state).value();
}

}  // namespace proflens::testing

#endif  // PROFLENS_TESTS_APP_SERVE_STATE_UTIL_H_
