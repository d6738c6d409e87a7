// Regular expressions as pprof has them: RE2 syntax (Go's regexp), matched in
// time linear in the input, with no recursion on the C++ stack, so a
// hostile pattern or a 100 MB function name can neither hang nor crash us.
// Only this file pair includes RE2.
#ifndef PROFLENS_ANALYZER_REGEX_H_
#define PROFLENS_ANALYZER_REGEX_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace re2 {
class RE2;
}

namespace proflens {

class Regex {
 public:
  // A usage error naming `what` (e.g. "--focus") when the pattern is not valid.
  static Result<Regex> Compile(std::string_view pattern, std::string_view what);
  // For fixed patterns in the code; aborts on a bad one.
  static Regex Fixed(std::string_view pattern);

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

  bool Search(std::string_view text) const;     // anywhere in text
  bool FullMatch(std::string_view text) const;  // all of text
  // Search, giving the capture groups (1..n) of the first match.
  bool Search(std::string_view text, std::vector<std::string>* groups) const;
  // Replaces the first match; "\\1" in `rewrite` is group 1.
  std::string ReplaceFirst(std::string_view text, std::string_view rewrite) const;
  const std::string& pattern() const { return pattern_; }

 private:
  Regex() = default;
  std::string pattern_;
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_REGEX_H_
