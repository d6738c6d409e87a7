// A speedscope file parsed with its profiles' big arrays (events, samples,
// weights) kept compact beside the document instead of as JSON values:
// about 40 bytes an event instead of 450, so memory follows the file's size
// modestly rather than many times over. Internal to the speedscope reader.
#ifndef PROFLENS_FORMATS_JSON_SPEEDSCOPE_DOCUMENT_H_
#define PROFLENS_FORMATS_JSON_SPEEDSCOPE_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

// An evented profile's event: its type ('O', 'C', or 0 when missing or
// anything else), frame and time as scalars (discarded when missing; a
// non-number member is kept as `true`, so it reads as "not a number").
struct SpeedscopeEvent {
  char type = 0;
  nlohmann::json frame = nlohmann::json(nlohmann::json::value_t::discarded);
  nlohmann::json at = nlohmann::json(nlohmann::json::value_t::discarded);
};

// The big arrays of one profile; `has_*` says the member was an array (the
// document then holds an empty array in its place).
struct SpeedscopeArrays {
  bool has_events = false, has_samples = false, has_weights = false;
  std::vector<SpeedscopeEvent> events;
  // Sample s: frames [starts[s], starts[s + 1]) of sample_frames; is_stack[s]
  // false when the sample was not an array.
  std::vector<nlohmann::json> sample_frames;
  std::vector<size_t> sample_starts;
  std::vector<bool> is_stack;
  std::vector<nlohmann::json> weights;

  size_t samples() const { return sample_starts.size(); }
  size_t sample_end(size_t s) const { return s + 1 < sample_starts.size() ? sample_starts[s + 1] : sample_frames.size(); }
};

struct SpeedscopeDocument {
  nlohmann::json doc;
  std::vector<SpeedscopeArrays> profiles;  // by index in "profiles"
};

Result<SpeedscopeDocument> ParseSpeedscopeDocument(std::string_view text);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_SPEEDSCOPE_DOCUMENT_H_
