// check's results as text: a PASS or FAIL line per rule, the functions
// behind a failure, a count at the end; ANSI colours when asked; GitHub
// Actions "::error" commands for failures, their data escaped as the
// Actions toolkit's escapeData does (% as %25, CR as %0D, LF as %0A).
// The expected lines are written by hand from the results given.
#include <catch2/catch.hpp>

#include <sstream>

#include "tests/test_util.h"
#include "formats/output/check_text.h"

namespace proflens {
namespace {

std::vector<RuleResult> Results() {
  return {
      testing::MakeRuleResult("", "cum(\"parse\") < 5%", true, "3.20%", "5%", "", {"not shown: the rule passed"}),
      testing::MakeRuleResult("budget", "flat(\"lex\") < 10ms", false, "12ms", "10ms", "", {"lex 12ms", "lex.next 1ms"}),
      testing::MakeRuleResult("", "change(total) < 10%", false, "", "", "the base total is 0\nno change can be computed (100%)"),
  };
}

TEST_CASE("check text: a line per rule, failures' functions, a count", "[check_text]") {
  std::ostringstream out;
  WriteCheckText(Results(), out);
  CHECK(out.str() ==
        "PASS  cum(\"parse\") < 5%  actual 3.20%, limit 5%\n"
        "FAIL  budget: flat(\"lex\") < 10ms  actual 12ms, limit 10ms\n"
        "      lex 12ms\n"
        "      lex.next 1ms\n"
        "FAIL  change(total) < 10%: the base total is 0\nno change can be computed (100%)\n"
        "1 passed, 2 failed\n");
  std::ostringstream none;
  WriteCheckText({}, none);
  CHECK(none.str() == "0 passed, 0 failed\n");
}

TEST_CASE("check text: PASS green and FAIL bold red on a terminal", "[check_text]") {
  std::ostringstream out;
  WriteCheckText({Results()[0], Results()[1]}, out, true);
  CHECK(out.str() ==
        "\x1b[32mPASS\x1b[0m  cum(\"parse\") < 5%  actual 3.20%, limit 5%\n"
        "\x1b[1;31mFAIL\x1b[0m  budget: flat(\"lex\") < 10ms  actual 12ms, limit 10ms\n"
        "      lex 12ms\n"
        "      lex.next 1ms\n"
        "1 passed, 1 failed\n");
}

TEST_CASE("check text: GitHub annotations for failures only, one line each", "[check_text]") {
  std::ostringstream out;
  WriteGithubAnnotations(Results(), out);
  CHECK(out.str() ==
        "::error title=proflens check::budget: flat(\"lex\") < 10ms: actual 12ms, limit 10ms\n"
        "::error title=proflens check::change(total) < 10%25: the base total is 0%0Ano change can be computed (100%25)\n");
  std::ostringstream cr;
  WriteGithubAnnotations({testing::MakeRuleResult("", "x", false, "", "", "a\r\nb")}, cr);
  CHECK(cr.str() == "::error title=proflens check::x: a%0D%0Ab\n");
}

}  // namespace
}  // namespace proflens
