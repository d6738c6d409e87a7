#include "analyzer/stack_runs.h"

#include <algorithm>
#include <tuple>

namespace proflens {

uint64_t SampleFrames(const Profile& profile) {
  uint64_t frames = 0;
  for (const Sample& s : profile.samples) frames += profile.stacks[s.stack].size;
  return frames;
}

bool StacksShareStorage(const Profile& profile) {
  const uint64_t frames = SampleFrames(profile);
  return frames > (1u << 20) && frames > 4 * uint64_t{profile.stack_locations.size()};
}

StackRuns BuildStackRuns(const Profile& profile) {
  StackRuns out;
  const size_t n = profile.samples.size();
  out.order.resize(n);
  for (size_t s = 0; s < n; ++s) out.order[s] = static_cast<uint32_t>(s);
  auto key = [&](uint32_t s) {
    const Stack& stack = profile.stacks[profile.samples[s].stack];
    return std::tuple(stack.first + stack.size, profile.samples[s].labels, stack.first, s);
  };
  std::sort(out.order.begin(), out.order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  for (size_t i = 0; i < n;) {
    const auto [end, labels, first, s] = key(out.order[i]);
    size_t j = i + 1;
    while (j < n && std::get<0>(key(out.order[j])) == end && std::get<1>(key(out.order[j])) == labels) ++j;
    out.runs.push_back({end, labels, static_cast<uint32_t>(i), static_cast<uint32_t>(j - i)});
    i = j;
  }
  // Runs in the order of their first sample, so a walk meets nodes and edges
  // in an order close to a walk over samples.
  std::vector<uint32_t> lowest(out.runs.size(), UINT32_MAX);
  for (size_t r = 0; r < out.runs.size(); ++r) {
    for (uint32_t k = 0; k < out.runs[r].samples; ++k) lowest[r] = std::min(lowest[r], out.order[out.runs[r].first_sample + k]);
  }
  std::vector<uint32_t> by_first(out.runs.size());
  for (size_t r = 0; r < by_first.size(); ++r) by_first[r] = static_cast<uint32_t>(r);
  std::sort(by_first.begin(), by_first.end(), [&](uint32_t a, uint32_t b) { return lowest[a] < lowest[b]; });
  std::vector<StackRun> runs;
  runs.reserve(out.runs.size());
  for (uint32_t r : by_first) runs.push_back(out.runs[r]);
  out.runs.swap(runs);
  return out;
}

}  // namespace proflens
