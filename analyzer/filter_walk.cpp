#include "analyzer/filter_walk.h"

namespace proflens {

void FilterWalk::Run(const Profile& p, const StoredRun& run, const FrameDecisions& d) {
  decisions_ = &d;
  const uint32_t length = run.end - run.lo;
  const StackView stack = p.stack_locations.View(run.lo, length);
  kept_.clear();
  kept_at_.assign(size_t{length} + 1, 0);
  reach_.assign(size_t{length} + 1, 0);
  shows_at_.assign(size_t{length} + 1, 0);
  uint8_t reach = 0;
  uint32_t shows = 0;
  for (uint32_t o = length; o-- > 0;) {
    const LocationId loc = stack[o];
    const int8_t fi = (*d.focus_or_ignore)[loc];
    reach |= fi == 1 ? 1 : fi == 0 ? 2 : 0;
    if (!(*d.hidden)[loc]) {
      kept_.push_back(loc);
      if (d.shows_from != nullptr && shows == 0 && (*d.shows_from)[loc]) shows = static_cast<uint32_t>(kept_.size());
    }
    kept_at_[o] = static_cast<uint32_t>(kept_.size());
    reach_[o] = reach;
    shows_at_[o] = shows;
  }
  const uint32_t k = static_cast<uint32_t>(kept_.size());
  next_prune_.assign(size_t{k} + 1, k);
  if (d.prune_beneath != nullptr) {
    // Leaf-first index j is root-first index k - 1 - j.
    for (uint32_t j = k; j-- > 0;) next_prune_[j] = (*d.prune_beneath)[kept_[k - 1 - j]] ? j : next_prune_[j + 1];
  }
}

FilterWalk::Window FilterWalk::WindowOf(uint32_t offset) const {
  // Step 1: a focused frame and no ignored one; something left after hide and show.
  if (reach_[offset] != 1 || kept_at_[offset] == 0) return {};
  const uint32_t k = static_cast<uint32_t>(kept_.size());
  uint32_t first = k - kept_at_[offset], end = k;
  // Step 2: up to the outermost show_from frame.
  if (decisions_->shows_from != nullptr) {
    if (shows_at_[offset] == 0) return {};
    end = k - shows_at_[offset] + 1;
  }
  // Step 4: from the innermost prune_from frame.
  if (next_prune_[first] < end) first = next_prune_[first];
  return {first, end - first};
}

void FilterWalk::Copy(ProfileBuilder& b, const std::function<LocationId(LocationId)>& location) {
  // Only the frames some window holds are copied (a location no kept
  // sample uses is not in the output); windows stay contiguous.
  const uint32_t k = static_cast<uint32_t>(kept_.size());
  cover_.assign(size_t{k} + 1, 0);
  for (const auto& [s, w] : windows) {
    ++cover_[w.first];
    --cover_[w.first + w.size];
  }
  renumber_.assign(size_t{k} + 1, 0);
  frames_.clear();
  int32_t depth = 0;
  for (uint32_t j = 0; j < k; ++j) {
    renumber_[j] = static_cast<uint32_t>(frames_.size());
    depth += cover_[j];
    if (depth > 0) frames_.push_back(location(kept_[k - 1 - j]));
  }
  for (auto& [s, w] : windows) w.first = renumber_[w.first];
  b.SetStackParts(frames_);
}

}  // namespace proflens
