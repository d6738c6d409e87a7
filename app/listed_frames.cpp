#include "app/listed_frames.h"

#include <cstdint>

#include "analyzer/stack_runs.h"

namespace proflens {

namespace {

constexpr uint64_t kMaxFrameGrowth = 64;
constexpr uint64_t kMaxListedFrames = 100'000'000;

}  // namespace

Status CheckListedFrames(const Profile& profile, const std::string& what, const std::string& where) {
  const uint64_t listed = SampleFrames(profile), stored = profile.stack_locations.size();
  if (listed <= kMaxListedFrames || listed <= kMaxFrameGrowth * stored) return Status::Ok();
  return Status::Input(where + ": " + what + " lists every sample's whole stack: " + std::to_string(listed) +
                       " frames here, where the input stores " + std::to_string(stored) +
                       " (nested events share their stacks); more than " + std::to_string(kMaxFrameGrowth) +
                       " times the input and more than " + std::to_string(kMaxListedFrames) +
                       " frames, so nothing was written (read the input with top, flame, report or diff, which "
                       "keep the stacks shared)");
}

}  // namespace proflens
