#include "analyzer/closest_name.h"

#include <algorithm>

namespace proflens {

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the table: two back for a swap of neighbours ("srot", "sort").
  std::vector<size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) last[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, last);
    std::swap(last, row);
  }
  return last[b.size()];
}

std::string ClosestName(const std::vector<std::string_view>& names, std::string_view word, size_t max_edits) {
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view name : names) {
    const size_t d = EditDistance(word, name);
    if (d < best_distance || (d == best_distance && name < best)) {
      best_distance = d;
      best = name;
    }
  }
  if (best_distance > max_edits) return "";
  return std::string(best);
}

}  // namespace proflens
