#include "analyzer/regex.h"

#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>

namespace proflens {

namespace {

RE2::Options Options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);  // bounds what one pattern may compile to
  return o;
}

}  // namespace

Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

Result<Regex> Regex::Compile(std::string_view pattern, std::string_view what) {
  Regex r;
  r.pattern_ = std::string(pattern);
  r.re_ = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), Options());
  if (!r.re_->ok()) {
    return Status::Usage(std::string(what) + ": \"" + std::string(pattern) +
                         "\" is not a valid regular expression: " + r.re_->error());
  }
  return r;
}

Regex Regex::Fixed(std::string_view pattern) {
  Result<Regex> r = Compile(pattern, "internal pattern");
  if (!r.ok()) {
    std::fprintf(stderr, "proflens: %s\n", r.status().message().c_str());
    std::abort();
  }
  return std::move(r).value();
}

bool Regex::Search(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

bool Regex::FullMatch(std::string_view text) const {
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

bool Regex::Search(std::string_view text, std::vector<std::string>* groups) const {
  int n = re_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(n + 1);
  if (!re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, pieces.data(), n + 1)) {
    return false;
  }
  groups->clear();
  for (int i = 1; i <= n; ++i) groups->emplace_back(pieces[i].data() == nullptr ? "" : std::string(pieces[i]));
  return true;
}

std::string Regex::ReplaceFirst(std::string_view text, std::string_view rewrite) const {
  std::string out(text);
  RE2::Replace(&out, *re_, re2::StringPiece(rewrite.data(), rewrite.size()));
  return out;
}

}  // namespace proflens
