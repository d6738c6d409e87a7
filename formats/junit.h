// JUnit XML for `proflens check`: one testcase per rule, failures carrying
// the actual value and the limit, as CI systems (GitLab, Jenkins, GitHub
// test reporters) read it.
#ifndef PROFLENS_FORMATS_JUNIT_H_
#define PROFLENS_FORMATS_JUNIT_H_

#include <string>
#include <vector>

#include "analyzer/assertions.h"

namespace proflens {

std::string WriteJunit(const std::vector<RuleResult>& results, const std::string& suite_name);

// A suite of one testcase with an <error>: what kept every rule from being
// checked (an unreadable input, a malformed rule).
std::string WriteJunitError(const std::string& message, const std::string& suite_name);

// Escapes &, <, >, " and ' for XML text and attributes.
std::string XmlEscape(std::string_view text);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JUNIT_H_
