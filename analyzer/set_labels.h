// SetLabels: a profile whose every sample carries the given labels, each key
// set to its value (a value the sample had for that key is replaced), as
// `proflens merge --label KEY=VALUE` writes it: the fleet's merges tag what
// they merge (dc=eu-1), and --tagfocus picks it out again later.
#ifndef PROFLENS_ANALYZER_SET_LABELS_H_
#define PROFLENS_ANALYZER_SET_LABELS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// One string label to set: key and value.
struct LabelValue {
  std::string key;
  std::string value;
};

// "KEY=VALUE" arguments (the value may be empty or hold '='); a usage error
// for one without '=' or an empty key, or a key given twice.
Result<std::vector<LabelValue>> ParseLabelArgs(std::span<const std::string> args);

// The profile rebuilt with `labels` on every sample. Samples whose label
// sets become equal (they differed only in a replaced value) are summed.
Profile SetLabels(const Profile& profile, std::span<const LabelValue> labels);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_SET_LABELS_H_
