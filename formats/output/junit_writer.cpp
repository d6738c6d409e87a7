#include "formats/output/junit_writer.h"

#include "analyzer/shown_text.h"
#include "formats/output/xml_escape.h"

namespace proflens {

std::string WriteJunitError(const std::string& message, const std::string& suite_name) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"proflens\" tests=\"1\" failures=\"0\" errors=\"1\">\n";
  out += "  <testsuite name=\"" + XmlEscape(suite_name) + "\" tests=\"1\" failures=\"0\" errors=\"1\">\n";
  const std::string first_line = message.substr(0, message.find('\n'));
  out += "    <testcase classname=\"proflens\" name=\"" + XmlEscape(suite_name) + "\">\n";
  out += "      <error message=\"" + XmlEscape(first_line) + "\">" + XmlEscape(message) + "</error>\n";
  out += "    </testcase>\n  </testsuite>\n</testsuites>\n";
  return out;
}

std::string WriteJunit(const std::vector<RuleResult>& results, const std::string& suite_name) {
  size_t failures = 0;
  for (const RuleResult& r : results) failures += !r.passed;
  std::string n = std::to_string(results.size()), f = std::to_string(failures);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"proflens\" tests=\"" + n + "\" failures=\"" + f + "\" errors=\"0\">\n";
  out += "  <testsuite name=\"" + XmlEscape(suite_name) + "\" tests=\"" + n + "\" failures=\"" + f + "\" errors=\"0\">\n";
  for (const RuleResult& r : results) {
    std::string name = r.rule.name.empty() ? r.rule.expression : r.rule.name;
    out += "    <testcase classname=\"proflens.check\" name=\"" + XmlEscape(FullShownText(name)) + "\">\n";
    if (!r.passed) {
      std::string message = r.error.empty() ? r.rule.expression + ": actual " + r.actual + ", limit " + r.limit
                                            : r.rule.expression + ": " + r.error;
      std::string body = "rule: " + r.rule.expression + "\n";
      if (r.error.empty()) body += "actual: " + r.actual + "\nlimit: " + r.limit + "\n";
      for (const std::string& d : r.details) body += d + "\n";
      out += "      <failure type=\"assertion\" message=\"" + XmlEscape(message) + "\">" + XmlEscape(body) + "</failure>\n";
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace proflens
