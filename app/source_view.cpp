#include "app/source_view.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace proflens {

namespace {

constexpr int64_t kContext = 2;           // lines of text around the hot ones
constexpr int64_t kMaxSpan = 400;         // a function longer than this shows its hot lines only
constexpr uintmax_t kMaxFileBytes = 8 << 20;

// The file's lines [first, last] (1-based), or nothing when it cannot be read.
std::optional<std::vector<std::string>> ReadLines(const std::string& file, const std::string& dir, int64_t first,
                                                  int64_t last) {
  std::error_code ec;
  std::filesystem::path path(file);
  if (!std::filesystem::is_regular_file(path, ec) && !dir.empty()) path = std::filesystem::path(dir) / path.relative_path();
  if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) > kMaxFileBytes || ec) {
    return std::nullopt;
  }
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::vector<std::string> out;
  std::string text;
  for (int64_t n = 1; n <= last && std::getline(in, text); ++n) {
    if (n >= first) out.push_back(text);
  }
  return out;
}

}  // namespace

std::vector<SourceListing> ListSources(const CallGraph& graph, int index, const std::vector<std::string>& functions,
                                       const std::string& source_dir) {
  std::unordered_map<std::string, size_t> wanted;
  for (size_t i = 0; i < functions.size(); ++i) wanted.emplace(functions[i], i);
  // (function's place, file) -> line -> (flat, cum)
  std::map<std::pair<size_t, std::string>, std::map<int64_t, std::pair<int64_t, int64_t>>> by_file;
  for (const CallGraphNode& n : graph.nodes) {
    if (n.info.line <= 0) continue;
    auto it = wanted.find(n.info.name);
    if (it == wanted.end()) continue;
    auto& line = by_file[{it->second, n.info.file}][n.info.line];
    line.first += n.flat[index];
    line.second += n.cum[index];
  }
  std::vector<SourceListing> out;
  for (const auto& [key, lines] : by_file) {
    SourceListing listing;
    listing.function = functions[key.first];
    listing.file = key.second;
    const int64_t first = lines.begin()->first, last = lines.rbegin()->first;
    const bool whole = last - first <= kMaxSpan;
    std::optional<std::vector<std::string>> text;
    if (!listing.file.empty()) {
      text = ReadLines(listing.file, source_dir, std::max<int64_t>(1, first - kContext), last + kContext);
    }
    listing.found = text.has_value() && !text->empty();
    auto text_of = [&](int64_t n) -> std::optional<std::string> {
      const int64_t at = n - std::max<int64_t>(1, first - kContext);
      if (!listing.found || at < 0 || at >= static_cast<int64_t>(text->size())) return std::nullopt;
      return (*text)[static_cast<size_t>(at)];
    };
    if (listing.found && whole) {
      const int64_t end = std::max<int64_t>(1, first - kContext) + static_cast<int64_t>(text->size());
      for (int64_t n = std::max<int64_t>(1, first - kContext); n < end; ++n) {
        auto hit = lines.find(n);
        listing.lines.push_back({n, hit == lines.end() ? 0 : hit->second.first, hit == lines.end() ? 0 : hit->second.second,
                                 text_of(n)});
      }
    } else {
      for (const auto& [n, v] : lines) listing.lines.push_back({n, v.first, v.second, text_of(n)});
    }
    out.push_back(std::move(listing));
  }
  return out;
}

}  // namespace proflens
