#include "analyzer/any_profile.h"

#include "analyzer/profile_debug.h"
#include "analyzer/profile_ops.h"

namespace proflens {

const Profile& AnyProfile::header() const {
  if (const GraphProfile* g = graph()) return g->header;
  return std::get<Profile>(value_);
}

Result<const Profile*> AnyProfile::Stacks(std::string_view what) const {
  if (const Profile* p = stacks()) return p;
  return Status::Usage(std::string(what) + " stacks, and this " + graph()->format +
                       " profile has none: it records per-function totals and call arcs only "
                       "(use top, peek, dot, diff, check or report)");
}

Status AnyProfile::CheckView(Granularity granularity, const FilterOptions& filters) const {
  if (stacks() != nullptr) return Status::Ok();
  std::string option;
  if (granularity != Granularity::kFunctions) {
    static const char* kNames[] = {"functions", "filefunctions", "files", "lines", "addresses"};
    option = std::string("--granularity ") + kNames[static_cast<int>(granularity)];
  } else if (!filters.empty()) {
    std::string first = filters.Active(true).front();
    first = first.substr(0, first.find('='));
    for (char& c : first) c = c == '_' ? '-' : c;
    option = "--" + first;
  } else {
    return Status::Ok();
  }
  return Stacks(option + " needs").status();
}

CallGraph AnyProfile::BuildGraph(const CallGraphOptions& options) const {
  if (const GraphProfile* g = graph()) return KeepNodes(*g->graph, options.kept);
  return BuildCallGraph(std::get<Profile>(value_), options);
}

std::vector<int64_t> AnyProfile::Totals() const {
  if (const GraphProfile* g = graph()) return g->graph->totals;
  return std::get<Profile>(value_).Totals();
}

uint64_t AnyProfile::RecordCount() const {
  if (const GraphProfile* g = graph()) return g->graph->nodes.size();
  return std::get<Profile>(value_).raw_sample_count;
}

NodeSorter AnyProfile::sorter() const {
  const GraphProfile* g = graph();
  return g != nullptr ? g->sorter : nullptr;
}

Status CheckValid(const AnyProfile& profile) {
  if (const GraphProfile* g = profile.graph()) return CheckValid(*g);
  return CheckValid(*profile.stacks());
}

Result<AnyProfile> MergeAnyProfiles(std::span<const AnyProfile* const> profiles, std::span<const std::string> names) {
  if (profiles.empty()) return Status::Usage("no profiles to merge");
  std::vector<const Profile*> stacks;
  std::vector<const GraphProfile*> graphs;
  for (const AnyProfile* p : profiles) {
    if (p->stacks() != nullptr) stacks.push_back(p->stacks());
    if (p->graph() != nullptr) graphs.push_back(p->graph());
  }
  if (!stacks.empty() && !graphs.empty()) {
    size_t graph = profiles[0]->graph() != nullptr ? 0 : 1;
    while (profiles[graph]->graph() == nullptr) ++graph;
    return Status::Input("cannot merge " + names[graph] + " (a " + profiles[graph]->graph()->format +
                         " graph profile, no stacks) with profiles of stacks");
  }
  if (!graphs.empty()) {
    PROFLENS_ASSIGN_OR_RETURN(GraphProfile merged, MergeGraphProfiles(graphs));
    return AnyProfile(std::move(merged));
  }
  PROFLENS_ASSIGN_OR_RETURN(Profile merged, MergeProfiles(stacks, names));
  return AnyProfile(std::move(merged));
}

}  // namespace proflens
