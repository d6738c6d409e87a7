// Pieces every subcommand shares: its context, loading and merging inputs,
// and resolving the sample type.
#ifndef PROFLENS_ANALYZER_CMD_COMMON_H_
#define PROFLENS_ANALYZER_CMD_COMMON_H_

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"
#include "formats/read_profile.h"

namespace proflens {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  Status status;        // set by the subcommand that ran
  ReadOptions read;     // global input options
};

// Reads every path and merges them into one profile (sample types must agree).
Result<Profile> LoadProfiles(const std::vector<std::string>& paths, const ReadOptions& options);

// The accepted values of --format for table outputs.
inline const std::vector<std::string> kTableFormats = {"text", "json", "csv"};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_CMD_COMMON_H_
