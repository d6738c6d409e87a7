#include "app/report.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>

#include "analyzer/graph_view.h"
#include "analyzer/report_labels.h"
#include "analyzer/task.h"
#include "analyzer/top.h"
#include "analyzer/units.h"
#include "app/source_view.h"
#include "analyzer/text.h"

namespace proflens {

namespace {

std::vector<std::pair<std::string, std::string>> Facts(const ReportInputs& in) {
  const AnyProfile& any = *in.profile;
  const Profile& header = any.header();
  std::vector<std::pair<std::string, std::string>> facts;
  facts.push_back({"Profile", Join(in.files, ", ")});
  facts.push_back({"Format", Join(in.formats, ", ")});
  if (in.base != nullptr) facts.push_back({"Base", Join(in.base_files, ", ")});
  std::vector<std::string> types;
  for (const ValueType& t : header.sample_types) types.emplace_back(header.str(t.type));
  facts.push_back({"Sample types", Join(types, ", ")});
  facts.push_back({any.graph() != nullptr ? "Functions" : "Samples", std::to_string(any.RecordCount())});
  if (header.duration_nanos != 0) facts.push_back({"Duration", FormatDuration(header.duration_nanos)});
  if (header.time_nanos != 0) facts.push_back({"Time", FormatProfileTime(header.time_nanos)});
  if (in.filters != nullptr && !in.filters->empty()) facts.push_back({"Filters", Join(in.filters->Active(/*with_prune_from=*/true), ", ")});
  return facts;
}

// The flame of a profile without stacks: the format that has none.
ReportFlame NoStacks(const GraphProfile& g) { return ReportFlame{std::nullopt, g.format}; }

}  // namespace

Result<ReportModel> BuildReportModel(const ReportInputs& in, const ReportOptions& options) {
  const AnyProfile& any = *in.profile;
  const Profile& header = any.header();
  const Profile* stacks = any.stacks();
  const Profile* base_stacks = in.base != nullptr ? in.base->stacks() : nullptr;
  const FilterOptions no_filters;
  const FilterOptions& filters = in.filters != nullptr ? *in.filters : no_filters;
  PROFLENS_RETURN_IF_ERROR(any.CheckView(options.granularity, filters));
  if (in.base != nullptr) PROFLENS_RETURN_IF_ERROR(in.base->CheckView(options.granularity, filters));

  ReportModel model;
  model.generator = options.generator;
  model.title = options.title.empty() ? "proflens report: " + Join(in.files, ", ") : options.title;
  model.facts = Facts(in);
  model.timeline = in.timeline;

  // The flame trees are built on a thread of their own while the graphs are
  // built (they only read the profile); this thread, once the graphs are
  // done, builds those not begun yet. Frames narrower than the minimum width
  // are left out of the trees.
  const FlameTreeOptions tree_options{0, false, options.min_fraction, options.roots};
  std::vector<ReportFlame> flames(header.sample_types.size());
  std::atomic<int> next_flame = 0;
  auto build_flames = [&] {
    for (int t; (t = next_flame++) < static_cast<int>(flames.size());) {
      FlameTreeOptions o = tree_options;
      o.sample_index = t;
      flames[t] = stacks == nullptr ? NoStacks(*any.graph()) : ReportFlame{BuildFlameTree(*stacks, o), ""};
    }
  };
  std::optional<Task> flame_thread;
  if (options.threads > 1) {
    flame_thread.emplace(build_flames);
  } else {
    build_flames();
  }
  // The base's graph, for the diffs, is built on a thread of its own too.
  std::optional<CallGraph> base_graph;
  std::optional<Task> base_thread;
  if (in.base != nullptr) {
    auto build_base = [&] { base_graph = in.base->BuildGraph(CallGraphOptions{options.granularity}); };
    if (options.threads > 1) {
      base_thread.emplace(build_base);
    } else {
      build_base();
    }
  }
  // One graph of all sample types (with the label tags the pictures draw)
  // serves every table and every picture's first step, and the diffs.
  CallGraphOptions full_options{options.granularity, nullptr, true};
  full_options.threads = options.threads;
  const std::shared_ptr<const CallGraph> full = std::make_shared<CallGraph>(any.BuildGraph(full_options));
  // Lines, for the source view, when the profile has line numbers.
  std::optional<CallGraph> lines_graph;
  if (stacks != nullptr && options.source_functions > 0 && options.granularity == Granularity::kFunctions &&
      std::any_of(stacks->lines.begin(), stacks->lines.end(), [](const Line& l) { return l.line > 0; })) {
    CallGraphOptions lines_options{Granularity::kLines, nullptr, false};
    lines_options.threads = options.threads;
    lines_graph = any.BuildGraph(lines_options);
  }
  model.default_type = in.sample_index;
  for (int t = 0; t < static_cast<int>(header.sample_types.size()); ++t) {
    ReportSampleType rt;
    rt.name = header.str(header.sample_types[t].type);
    rt.unit = header.str(header.sample_types[t].unit);
    rt.total = t < static_cast<int>(in.percent_totals.size()) ? in.percent_totals[t] : full->totals[t];
    rt.graph = full;
    rt.graph_index = t;
    // The untrimmed graph is the one built above: no need to build it again per type.
    GraphBuilder build = [&](const NodeKeySet* kept) -> std::shared_ptr<const CallGraph> {
      if (kept == nullptr) return full;
      CallGraphOptions o{options.granularity, kept};
      o.threads = full_options.threads;
      return std::make_shared<CallGraph>(any.BuildGraph(o));
    };
    TopOptions top;
    top.sample_index = t;
    top.node_fraction = 0;
    top.sorter = any.sorter();
    PROFLENS_ASSIGN_OR_RETURN(rt.top, ComputeTop(build, top));
    if (lines_graph) {
      // The heaviest functions by cum (the top table's rows are by flat).
      std::vector<const TopRow*> heavy;
      for (const TopRow& r : rt.top.rows) heavy.push_back(&r);
      std::stable_sort(heavy.begin(), heavy.end(), [](const TopRow* a, const TopRow* b) { return std::llabs(a->cum) > std::llabs(b->cum); });
      std::vector<std::string> names;
      for (size_t i = 0; i < heavy.size() && names.size() < static_cast<size_t>(options.source_functions); ++i) {
        names.push_back(heavy[i]->name);
      }
      rt.source = ListSources(*lines_graph, t, names, options.source_dir);
    }

    GraphBuilder tagged = [&](const NodeKeySet* kept) -> std::shared_ptr<const CallGraph> {
      if (kept == nullptr) return full;
      CallGraphOptions o = full_options;
      o.kept = kept;
      o.sample_index = t;  // the picture of one type, as dot draws it: the others need not be summed
      return std::make_shared<CallGraph>(any.BuildGraph(o));
    };
    GraphViewOptions view;
    view.sample_index = t;
    view.node_count = options.node_count;
    rt.callgraph = ComputeGraphView(tagged, view);

    // The shown type was matched by LoadComparison; the others are compared
    // where the base has a type to match them.
    if (in.base != nullptr) {
      Result<DiffPair> pair = MatchSampleTypes(in.base->header(), header, t);
      if (pair.ok()) {
        double scale = 1;
        if (in.normalize) {
          Result<double> ratio = NormalizeRatio(*in.base, any, *pair);
          if (ratio.ok()) scale = *ratio;
        }
        if (base_thread) {
          base_thread->Join();
          base_thread.reset();
        }
        DiffOptions diff_options{options.granularity, scale};
        diff_options.base_graph = &*base_graph;
        diff_options.new_graph = full.get();
        rt.diff = ComputeDiff(*in.base, any, *pair, diff_options);
        if (stacks == nullptr || base_stacks == nullptr) {
          rt.diff_flame = NoStacks(stacks == nullptr ? *any.graph() : *in.base->graph());
        } else {
          FlameTreeOptions o = tree_options;
          o.sample_index = t;
          rt.diff_flame.tree = BuildFlameTree(*stacks, o, base_stacks, pair->base_index, pair->base_to_new_unit * scale);
        }
      }
    }
    for (const TrendReport& trend : in.trends) {
      if (trend.sample_type == rt.name && trend.unit == rt.unit) rt.trend = trend;
    }
    model.types.push_back(std::move(rt));
  }
  if (flame_thread) {
    build_flames();
    flame_thread->Join();
  }
  for (size_t t = 0; t < flames.size(); ++t) model.types[t].flame = std::move(flames[t]);

  if (options.rules != nullptr) {
    CheckContext check = options.check;
    check.profile = &any;
    check.base = in.base;
    check.sample_index = in.sample_index_arg;
    check.granularity = options.granularity;
    PROFLENS_ASSIGN_OR_RETURN(model.checks, EvaluateRules(*options.rules, *options.rule_sources, check));
  }
  return model;
}

ReportModel JoinReportKinds(std::vector<ReportModel> kinds, const std::vector<int>& inputs) {
  ReportModel joined = std::move(kinds[0]);
  if (kinds.size() < 2) return joined;
  std::vector<ReportSampleType> types = std::move(joined.types);
  joined.types.clear();
  for (size_t k = 0; k < kinds.size(); ++k) {
    ReportModel& model = k == 0 ? joined : kinds[k];
    std::vector<ReportSampleType> own = k == 0 ? std::move(types) : std::move(model.types);
    ReportKind kind;
    std::vector<std::string> names;
    for (const ReportSampleType& t : own) names.push_back(t.name);
    kind.name = Join(names, ", ");
    kind.facts = model.facts;
    kind.inputs = inputs[k];
    kind.default_type = static_cast<int>(joined.types.size()) + model.default_type;
    for (ReportSampleType& t : own) {
      t.kind = static_cast<int>(k);
      joined.types.push_back(std::move(t));
    }
    joined.kinds.push_back(std::move(kind));
  }
  joined.default_type = joined.kinds[0].default_type;
  return joined;
}

}  // namespace proflens
