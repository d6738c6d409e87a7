// Suggestions for words that match nothing: the closest of some names, by
// single-character edits (a typo in a function name, an option, a command).
#ifndef PROFLENS_ANALYZER_CLOSEST_NAME_H_
#define PROFLENS_ANALYZER_CLOSEST_NAME_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace proflens {

// Insertions, deletions, substitutions and swaps of neighbouring characters
// that turn a into b (optimal string alignment: "srot" is 1 from "sort").
size_t EditDistance(std::string_view a, std::string_view b);

// The name nearest `word` (fewest edits; ties: the smaller name), or "" when
// there are no names or the nearest needs more than `max_edits` edits.
std::string ClosestName(const std::vector<std::string_view>& names, std::string_view word,
                        size_t max_edits = SIZE_MAX);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_CLOSEST_NAME_H_
