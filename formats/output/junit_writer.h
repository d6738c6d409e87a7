// JUnit XML for `proflens check`: one testcase per rule, failures carrying
// the actual value and the limit, as CI systems (GitLab, Jenkins, GitHub
// test reporters) read it.
#ifndef PROFLENS_FORMATS_OUTPUT_JUNIT_WRITER_H_
#define PROFLENS_FORMATS_OUTPUT_JUNIT_WRITER_H_

#include <string>
#include <vector>

#include "analyzer/assertions.h"

namespace proflens {

std::string WriteJunit(const std::vector<RuleResult>& results, const std::string& suite_name);

// A suite of one testcase with an <error>: what kept every rule from being
// checked (an unreadable input, a malformed rule).
std::string WriteJunitError(const std::string& message, const std::string& suite_name);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_JUNIT_WRITER_H_
