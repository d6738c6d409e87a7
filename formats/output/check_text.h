// The results of check rules as text: a PASS or FAIL line per rule with its
// actual value and limit (and, for failures, the functions behind them), and
// GitHub Actions "::error" annotations for the failures.
#ifndef PROFLENS_FORMATS_OUTPUT_CHECK_TEXT_H_
#define PROFLENS_FORMATS_OUTPUT_CHECK_TEXT_H_

#include <ostream>
#include <vector>

#include "analyzer/assertions.h"

namespace proflens {

// `color`: PASS green and FAIL red (ANSI), for a terminal.
void WriteCheckText(const std::vector<RuleResult>& results, std::ostream& out, bool color = false);

// GitHub Actions reads "::error ..." workflow commands from the output.
void WriteGithubAnnotations(const std::vector<RuleResult>& results, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_CHECK_TEXT_H_
