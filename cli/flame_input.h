// Loading what a flame graph or report draws: the profile (filters applied),
// and with --base the base profile matched to its sample type.
#ifndef PROFLENS_CLI_FLAME_INPUT_H_
#define PROFLENS_CLI_FLAME_INPUT_H_

#include <optional>

#include "cli/cmd_common.h"
#include "analyzer/diff.h"

namespace proflens {

struct FlameInput {
  Profile profile;
  std::optional<Profile> base;
  int sample_index = 0;
  DiffPair pair;       // with a base
  double base_scale = 1;
  std::vector<std::string> formats;  // of the inputs, in order
};

Result<FlameInput> LoadFlameInput(const ViewArgs& args, CommandContext& context);

}  // namespace proflens

#endif  // PROFLENS_CLI_FLAME_INPUT_H_
