#include "analyzer/assertions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "analyzer/bench_metric.h"
#include "analyzer/closest_name.h"
#include "analyzer/diff.h"
#include "analyzer/graph_set_cost.h"
#include "analyzer/growth_metric.h"
#include "analyzer/quantity_format.h"
#include "analyzer/rates.h"
#include "analyzer/regex.h"
#include "analyzer/units.h"

namespace proflens {

namespace {

// A value that is undefined on this data: the rule fails with this message.
struct Undefined {
  std::string message;
};

Dimension DimensionOf(std::string_view unit) {
  std::string_view family = UnitFamily(unit);
  if (family == "time") return Dimension::kTime;
  if (family == "bytes") return Dimension::kBytes;
  return Dimension::kCount;
}

// Converts a sample value to the dimension's base unit (ns, bytes).
double ToBase(int64_t v, std::string_view unit, Dimension d) {
  if (d == Dimension::kTime) return ScaleValue(v, unit, "nanoseconds").value;
  if (d == Dimension::kBytes) return ScaleValue(v, unit, "bytes").value;
  return static_cast<double>(v);
}

class Evaluator {
 public:
  Evaluator(const CheckContext& c, const Rule& rule) : c_(c), rule_(rule) {}

  // Throws neither: errors come back as Status (usage) or Undefined (data).
  Result<Quantity> Eval(const Expr& e, bool base, std::optional<Undefined>* undefined) {
    switch (e.kind) {
      case Expr::Kind::kNumber:
        return Quantity{e.number, e.dimension};
      case Expr::Kind::kString:
        return Fail(e, "a string can only be a metric's argument, as in cum(\"parse\")");
      case Expr::Kind::kBase:
        if (base) return Fail(e, "base.base is not a thing: write base.X once");
        if (c_.base == nullptr) return Fail(e, "base." + e.children[0].text + " needs a base profile: give --base FILE");
        return Eval(e.children[0], true, undefined);
      case Expr::Kind::kCall:
        return Metric(e, base, undefined);
      case Expr::Kind::kUnary: {
        Result<Quantity> q = Eval(e.children[0], base, undefined);
        if (!q.ok() || *undefined) return q;
        if (e.text == "not") {
          if (q->dimension != Dimension::kBool) return Fail(e, "\"not\" needs true or false, not " + std::string(DimensionName(q->dimension)));
          return Bool(!q->boolean);
        }
        if (q->dimension == Dimension::kBool) return Fail(e, "\"-\" needs a number");
        q->value = -q->value;
        return q;
      }
      case Expr::Kind::kBinary:
        return Binary(e, base, undefined);
    }
    return Fail(e, "unknown expression");
  }

  std::vector<std::string> details;

 private:
  Status Fail(const Expr& e, const std::string& message) const {
    return Status::Usage("column " + std::to_string(e.column) + ": " + message);
  }
  static Quantity Bool(bool b) {
    Quantity q;
    q.dimension = Dimension::kBool;
    q.boolean = b;
    return q;
  }

  Result<Quantity> Binary(const Expr& e, bool base, std::optional<Undefined>* undefined) {
    const std::string& op = e.text;
    Result<Quantity> l = Eval(e.children[0], base, undefined);
    if (!l.ok() || *undefined) return l;
    if (op == "and" || op == "or") {
      if (l->dimension != Dimension::kBool) return Fail(e, "\"" + op + "\" needs comparisons on both sides");
      Result<Quantity> r = Eval(e.children[1], base, undefined);
      if (!r.ok() || *undefined) return r;
      if (r->dimension != Dimension::kBool) return Fail(e, "\"" + op + "\" needs comparisons on both sides");
      return Bool(op == "and" ? l->boolean && r->boolean : l->boolean || r->boolean);
    }
    Result<Quantity> r = Eval(e.children[1], base, undefined);
    if (!r.ok() || *undefined) return r;
    if (l->dimension == Dimension::kBool || r->dimension == Dimension::kBool) {
      return Fail(e, "\"" + op + "\" needs numbers, not true or false");
    }
    if (op == "+" || op == "-") {
      if (l->dimension != r->dimension) {
        return Fail(e, "cannot " + std::string(op == "+" ? "add " : "subtract ") + std::string(DimensionName(r->dimension)) +
                           (op == "+" ? " to " : " from ") + std::string(DimensionName(l->dimension)));
      }
      Quantity q = *l;
      q.value = op == "+" ? l->value + r->value : l->value - r->value;
      if (l->total != r->total) q.total.reset();
      return q;
    }
    if (op == "*") {
      if (l->dimension != Dimension::kCount && r->dimension != Dimension::kCount) {
        return Fail(e, "cannot multiply " + std::string(DimensionName(l->dimension)) + " by " + std::string(DimensionName(r->dimension)));
      }
      Quantity q = l->dimension == Dimension::kCount ? *r : *l;
      q.value = l->value * r->value;
      return q;
    }
    if (op == "/") {
      if (r->value == 0) {
        *undefined = Undefined{"division by zero in " + ExprToString(e)};
        return Quantity{};
      }
      if (r->dimension == Dimension::kCount) {
        Quantity q = *l;
        q.value = l->value / r->value;
        if (q.total) *q.total /= r->value;
        return q;
      }
      if (l->dimension == r->dimension) return Quantity{l->value / r->value, Dimension::kCount};
      return Fail(e, "cannot divide " + std::string(DimensionName(l->dimension)) + " by " + std::string(DimensionName(r->dimension)));
    }
    return Compare(e, *l, *r);
  }

  Result<Quantity> Compare(const Expr& e, Quantity l, Quantity r) {
    // A quantity against a percentage: compare its share of its total.
    auto share = [&](Quantity& q, const Expr& side) -> Status {
      if (!q.total) return Fail(side, ExprToString(side) + " is not a share of a total: compare it with a value, not a percentage");
      if (*q.total == 0) return Status::Input("");
      q.value = q.value / *q.total * 100;
      q.dimension = Dimension::kPercent;
      q.total.reset();
      return Status::Ok();
    };
    Quantity shown_l = l, shown_r = r;
    if (l.dimension == Dimension::kPercent && r.dimension != Dimension::kPercent) {
      Status s = share(r, e.children[1]);
      if (s.code() == StatusCode::kUsage) return s;
      if (!s.ok()) return Bool(false);
    } else if (r.dimension == Dimension::kPercent && l.dimension != Dimension::kPercent) {
      Status s = share(l, e.children[0]);
      if (s.code() == StatusCode::kUsage) return s;
      if (!s.ok()) return Bool(false);
    } else if (l.dimension != r.dimension) {
      const Expr& plain = l.dimension == Dimension::kCount ? e.children[0] : e.children[1];
      if ((l.dimension == Dimension::kCount || r.dimension == Dimension::kCount) && plain.kind == Expr::Kind::kNumber) {
        return Fail(plain, ExprToString(plain) + " has no unit: write it with one (100ms, 1MB) or as a percentage (5%)");
      }
      return Fail(e, "cannot compare " + std::string(DimensionName(l.dimension)) + " with " + std::string(DimensionName(r.dimension)));
    }
    const std::string& op = e.text;
    bool result = op == "<"    ? l.value < r.value
                  : op == "<=" ? l.value <= r.value
                  : op == ">"  ? l.value > r.value
                  : op == ">=" ? l.value >= r.value
                  : op == "==" ? l.value == r.value
                               : l.value != r.value;
    // Rates print per hour in their own way; the rest with the digits that tell them apart.
    auto [left, right] = IsRate(l.dimension) || IsRate(r.dimension)
                             ? std::pair<std::string, std::string>{FormatQuantity(l), FormatQuantity(r)}
                             : FormatComparedPair(l.value, l.dimension, r.value, r.dimension);
    if (l.dimension == Dimension::kPercent && shown_l.dimension != Dimension::kPercent) left += " (" + FormatQuantity(shown_l) + ")";
    if (r.dimension == Dimension::kPercent && shown_r.dimension != Dimension::kPercent) right += " (" + FormatQuantity(shown_r) + ")";
    last_actual = left;
    last_limit = right;
    last_actual_value = l;
    last_limit_value = r;
    if (!result) details.push_back(ExprToString(e.children[0]) + " = " + left + ", not " + op + " " + right);
    return Bool(result);
  }

 public:
  std::string last_actual, last_limit;
  std::optional<Quantity> last_actual_value, last_limit_value;

 private:
  // --- metrics --------------------------------------------------------------
  const AnyProfile& AnyOf(bool base) const { return base ? *c_.base : *c_.profile; }
  // Sample types, counts and times, of either kind of profile.
  const Profile& ProfileOf(bool base) const { return AnyOf(base).header(); }

  // The sample type a metric reads: its argument, else --sample-index (the
  // base's type of the same name), else the default.
  Result<int> SampleType(const Expr& e, bool base, const Expr* arg) {
    const Profile& p = ProfileOf(base);
    if (arg != nullptr) {
      Result<int> index = p.SampleIndexByName(arg->text);
      if (!index.ok()) return Fail(*arg, index.status().message());
      return index;
    }
    Result<int> index = c_.profile->header().SampleIndexByName(c_.sample_index);
    if (!index.ok()) return Fail(e, index.status().message());
    if (!base) return index;
    Result<DiffPair> pair = MatchSampleTypes(c_.base->header(), c_.profile->header(), *index);
    if (!pair.ok()) return Fail(e, pair.status().message());
    return pair->base_index;
  }

  // Finds the sample type of a dimension for the per-op metrics.
  Result<int> TypeOfDimension(const Expr& e, bool base, Dimension want, std::string_view prefer) {
    const Profile& p = ProfileOf(base);
    // An explicit --sample-index of the right kind wins; else the preferred
    // type (cpu, alloc_space), else the default, else any of the right kind.
    Result<int> chosen = SampleType(e, base, nullptr);
    bool chosen_fits = chosen.ok() && DimensionOf(p.str(p.sample_types[*chosen].unit)) == want;
    if (chosen_fits && !c_.sample_index.empty()) return chosen;
    for (size_t i = 0; i < p.sample_types.size(); ++i) {
      if (p.str(p.sample_types[i].type) == prefer && DimensionOf(p.str(p.sample_types[i].unit)) == want) {
        return static_cast<int>(i);
      }
    }
    if (chosen_fits) return chosen;
    int found = -1;
    for (size_t i = 0; i < p.sample_types.size(); ++i) {
      if (DimensionOf(p.str(p.sample_types[i].unit)) != want) continue;
      if (found < 0 || p.str(p.sample_types[i].type) == prefer) found = static_cast<int>(i);
    }
    if (found < 0) return Fail(e, e.text + " needs a sample type measured in " + std::string(want == Dimension::kTime ? "time" : "bytes") + ", and the profile has none");
    return found;
  }

  const CallGraph& Graph(bool base) {
    auto& slot = base ? base_graph_ : graph_;
    if (!slot) slot = AnyOf(base).BuildGraph({c_.granularity});
    return *slot;
  }

  Result<Regex> Pattern(const Expr& arg) {
    Result<Regex> re = Regex::Compile(arg.text, "pattern");
    if (!re.ok()) return Fail(arg, "\"" + arg.text + "\" is not a valid regular expression");
    return re;
  }

  Quantity Of(bool base, int t, double raw_value_base) {
    const Profile& p = ProfileOf(base);
    std::string_view unit = p.str(p.sample_types[t].unit);
    Dimension d = DimensionOf(unit);
    Quantity q{raw_value_base, d};
    q.total = ToBase(AnyOf(base).Totals()[t], unit, d);
    return q;
  }

  Result<Quantity> Metric(const Expr& e, bool base, std::optional<Undefined>* undefined) {
    // "cum?": the same metric, for a function that may be absent.
    const bool optional = e.text.ends_with('?');
    const std::string name = PstatsMetricAlias(optional ? e.text.substr(0, e.text.size() - 1) : e.text);
    if (optional && name != "flat" && name != "cum" && name != "calls" && name != "primcalls") {
      return Fail(e, "only flat?, cum?, calls? (and pstats' tottime?, cumtime?, ncalls?, primcalls?) take a \"?\" (for functions that may be absent)");
    }
    const Profile& p = ProfileOf(base);
    auto args = [&](size_t min, size_t max) -> Status {
      if (e.children.size() < min || e.children.size() > max) {
        std::string want = min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
        return Fail(e, name + "() takes " + want + " argument" + (max == 1 ? "" : "s") + ", not " + std::to_string(e.children.size()));
      }
      for (const Expr& a : e.children) {
        if (a.kind != Expr::Kind::kString && name != "change") return Fail(a, name + "()'s arguments are strings: write \"...\"");
      }
      return Status::Ok();
    };
    auto unit_of = [&](int t) { return p.str(p.sample_types[t].unit); };

    if (name == "change") {
      if (e.children.size() != 1 || e.children[0].kind == Expr::Kind::kString) return Fail(e, "change() takes one metric, as in change(cum(\"parse\"))");
      if (base) return Fail(e, "change() compares with the base itself: do not write base.change()");
      if (c_.base == nullptr) return Fail(e, "change() needs a base profile: give --base FILE");
      Result<Quantity> now = Eval(e.children[0], false, undefined);
      if (!now.ok() || *undefined) return now;
      Result<Quantity> before = Eval(e.children[0], true, undefined);
      if (!before.ok() || *undefined) return before;
      if (before->value == 0) {
        *undefined = Undefined{"change(" + ExprToString(e.children[0]) + ") is undefined: its base value is 0"};
        return Quantity{};
      }
      return Quantity{(now->value - before->value) / std::fabs(before->value) * 100, Dimension::kPercent};
    }
    if (name == "total" || name == "max_flat" || name == "max_cum") {
      PROFLENS_RETURN_IF_ERROR(args(0, 1));
      PROFLENS_ASSIGN_OR_RETURN(int t, SampleType(e, base, e.children.empty() ? nullptr : &e.children[0]));
      if (name == "total") return Of(base, t, ToBase(AnyOf(base).Totals()[t], unit_of(t), DimensionOf(unit_of(t))));
      return Largest(base, t, name == "max_flat");
    }
    if (name == "flat" || name == "cum" || name == "calls" || name == "count" || name == "primcalls") {
      PROFLENS_RETURN_IF_ERROR(args(1, 2));
      PROFLENS_ASSIGN_OR_RETURN(Regex re, Pattern(e.children[0]));
      Result<int> t = SampleType(e, base, e.children.size() > 1 ? &e.children[1] : nullptr);
      if (!t.ok()) return t.status();
      const CallGraph& g = Graph(base);
      // A pattern that matches nothing in the profile (nor in the base, for a
      // function that is new or gone) is a typo or a rename, not a 0.
      if (name != "count" && !optional && !c_.allow_missing && !AnyMatches(Graph(false), re) &&
          (c_.base == nullptr || !AnyMatches(Graph(true), re))) {
        *undefined = Undefined{"\"" + e.children[0].text + "\" matches no function" +
                               (c_.base != nullptr ? " in the profile or the base" : "") + Closest(Graph(false), e.children[0].text) +
                               " (write " + name + "?(...) if it may be absent)"};
        return Quantity{};
      }
      if ((name == "calls" || name == "primcalls") && !g.has_calls) {
        return Fail(e, name + "() needs call counts, and this profile has none (sampled profiles count samples, not calls)");
      }
      if (name == "primcalls") return PrimitiveCalls(e, g, re, *t);
      if (name == "cum") {
        const Profile* stacks = AnyOf(base).stacks();
        int64_t cum = stacks != nullptr ? CumOfMatching(*stacks, re, *t) : GraphCumOfMatching(g, re, *t);
        return Of(base, *t, ToBase(cum, unit_of(*t), DimensionOf(unit_of(*t))));
      }
      double sum = 0;
      int matched = 0;
      for (size_t n = 0; n < g.nodes.size(); ++n) {
        if (!g.present(n, *t) || !re.Search(g.nodes[n].name)) continue;
        ++matched;
        if (name == "flat") sum += static_cast<double>(g.nodes[n].flat[*t]);
        if (name == "calls" && g.nodes[n].calls > 0) sum += static_cast<double>(g.nodes[n].calls);
      }
      if (name == "count") return Quantity{static_cast<double>(matched), Dimension::kCount};
      if (name == "calls") return Quantity{sum, Dimension::kCount};
      return Of(base, *t, ToBase(static_cast<int64_t>(sum), unit_of(*t), DimensionOf(unit_of(*t))));
    }
    if (name == "samples") {
      PROFLENS_RETURN_IF_ERROR(args(0, 0));
      return Quantity{static_cast<double>(p.raw_sample_count), Dimension::kCount};
    }
    if (name == "duration") {
      PROFLENS_RETURN_IF_ERROR(args(0, 0));
      if (p.duration_nanos == 0) return Fail(e, "duration: the profile records no duration");
      return Quantity{static_cast<double>(p.duration_nanos), Dimension::kTime};
    }
    if (name == "ops") {
      PROFLENS_RETURN_IF_ERROR(args(0, 0));
      if (!c_.ops) return Fail(e, "ops needs --ops N or --bench-output FILE (the operations the profile covers, as go test -bench reports)");
      if (c_.ops_problem) {
        *undefined = Undefined{*c_.ops_problem};
        return Quantity{};
      }
      return Quantity{*c_.ops, Dimension::kCount};
    }
    if (name == "cpu_per_op" || name == "alloc_per_op" || name == "max_cpu_per_op" || name == "max_alloc_per_op") {
      PROFLENS_RETURN_IF_ERROR(args(0, 0));
      if (!c_.ops) return Fail(e, name + " needs --ops N or --bench-output FILE (the operations the profile covers)");
      if (*c_.ops <= 0) return Fail(e, "--ops must be above 0");
      if (c_.ops_problem) {
        *undefined = Undefined{*c_.ops_problem};
        return Quantity{};
      }
      bool cpu = name.find("cpu") != std::string::npos;
      PROFLENS_ASSIGN_OR_RETURN(int t, TypeOfDimension(e, base, cpu ? Dimension::kTime : Dimension::kBytes, cpu ? "cpu" : "alloc_space"));
      Quantity q = name.starts_with("max_") ? Largest(base, t, true)
                                            : Of(base, t, ToBase(AnyOf(base).Totals()[t], unit_of(t), DimensionOf(unit_of(t))));
      q.value /= *c_.ops;
      if (q.total) *q.total /= *c_.ops;
      return q;
    }
    if (name == "bench") {
      PROFLENS_RETURN_IF_ERROR(args(1, 1));
      std::optional<std::string> why;
      PROFLENS_ASSIGN_OR_RETURN(Quantity q, EvaluateBenchMetric(e, c_, &why));
      if (why) *undefined = Undefined{*why};
      return q;
    }
    if (name == "growth") {
      if (base) return Fail(e, "growth reads the inputs one by one, not the base: write growth(X), not base.growth");
      PROFLENS_ASSIGN_OR_RETURN(GrowthValue growth, EvaluateGrowth(e, c_));
      details.insert(details.end(), growth.details.begin(), growth.details.end());
      if (growth.undefined) *undefined = Undefined{*growth.undefined};
      return growth.value;
    }
    if (name == "new_functions" || name == "gone_functions") {
      PROFLENS_RETURN_IF_ERROR(args(0, 0));
      if (base) return Fail(e, name + " already compares with the base");
      if (c_.base == nullptr) return Fail(e, name + " needs a base profile: give --base FILE");
      return NewOrGone(e, name == "new_functions");
    }
    if (name == "op" || name == "per_op") return Fail(e, "unknown metric \"" + name + "\": per op is X / ops, as in cum(\"parse\") / ops < 2us");
    return Fail(e, "unknown metric \"" + name + "\" (expected total, samples, duration, flat, cum, calls, count, max_flat, "
                   "max_cum, tottime, cumtime, ncalls, primcalls, ops, cpu_per_op, alloc_per_op, max_cpu_per_op, max_alloc_per_op, change, new_functions, gone_functions, growth, bench)");
  }

  // pstats' words for the metrics: tottime is flat, cumtime cum, ncalls
  // calls; primcalls stays itself (calls that were not recursive).
  static std::string PstatsMetricAlias(const std::string& name) {
    if (name == "tottime") return "flat";
    if (name == "cumtime") return "cum";
    if (name == "ncalls") return "calls";
    return name;
  }

  // primcalls("re"): pstats' primitive (non-recursive) calls of the matching
  // functions, summed; only cProfile records them.
  Result<Quantity> PrimitiveCalls(const Expr& e, const CallGraph& g, const Regex& re, int t) {
    double sum = 0;
    bool recorded = false;
    for (size_t n = 0; n < g.nodes.size(); ++n) {
      if (g.nodes[n].primitive_calls < 0) continue;
      recorded = true;
      if (g.present(n, t) && re.Search(g.nodes[n].name)) sum += static_cast<double>(g.nodes[n].primitive_calls);
    }
    if (!recorded) return Fail(e, "primcalls() needs primitive call counts, which only cProfile records (use calls())");
    return Quantity{sum, Dimension::kCount};
  }

  static bool AnyMatches(const CallGraph& g, const Regex& re) {
    for (const CallGraphNode& n : g.nodes) {
      if (re.Search(n.name)) return true;
    }
    return false;
  }

  // "; closest: NAME": the function whose name is nearest the pattern's text
  // (fewest single-character edits), or "" in an empty graph.
  static std::string Closest(const CallGraph& g, const std::string& pattern) {
    std::vector<std::string_view> names;
    names.reserve(g.nodes.size());
    for (const CallGraphNode& n : g.nodes) names.push_back(n.name);
    std::string best = ClosestName(names, pattern);
    return best.empty() ? "" : "; closest: " + best;
  }

  // Graph profiles have no samples to count once: the matching functions'
  // cost, each unit once, propagated along the recorded arcs (graph_set_cost.h).
  static int64_t GraphCumOfMatching(const CallGraph& g, const Regex& re, int t) {
    std::vector<bool> matches(g.nodes.size());
    for (size_t n = 0; n < g.nodes.size(); ++n) matches[n] = re.Search(g.nodes[n].name);
    return GraphSetCum(g, matches, t);
  }

  // The samples with a frame whose function matches, each counted once.
  int64_t CumOfMatching(const Profile& p, const Regex& re, int t) {
    std::vector<int8_t> function_matches(p.functions.size(), -1);
    std::vector<bool> location_matches(p.locations.size(), false);
    for (size_t l = 0; l < p.locations.size(); ++l) {
      for (const Line& line : p.LinesOf(p.locations[l])) {
        if (line.function == kNoId) continue;
        int8_t& m = function_matches[line.function];
        if (m < 0) m = re.Search(p.str(p.functions[line.function].name));
        if (m) location_matches[l] = true;
      }
    }
    int64_t sum = 0;
    for (size_t s = 0; s < p.samples.size(); ++s) {
      for (LocationId loc : p.StackOf(p.samples[s].stack)) {
        if (location_matches[loc]) {
          sum = SaturatingAdd(sum, p.ValuesOf(s)[t]);
          break;
        }
      }
    }
    return sum;
  }

  Quantity Largest(bool base, int t, bool flat) {
    const CallGraph& g = Graph(base);
    const Profile& p = ProfileOf(base);
    int64_t best = 0;
    std::string who;
    for (const CallGraphNode& n : g.nodes) {
      int64_t v = flat ? n.flat[t] : n.cum[t];
      if (v > best || (v == best && !who.empty() && n.name < who)) {
        best = v;
        who = n.name;
      }
    }
    if (!who.empty()) details.push_back(std::string(flat ? "max_flat" : "max_cum") + (base ? " (base)" : "") + ": " + who);
    std::string_view unit = p.str(p.sample_types[t].unit);
    return Of(base, t, ToBase(best, unit, DimensionOf(unit)));
  }

  Result<Quantity> NewOrGone(const Expr& e, bool want_new) {
    PROFLENS_ASSIGN_OR_RETURN(int t_new, SampleType(e, false, nullptr));
    Result<int> t_base = SampleType(e, true, nullptr);
    if (!t_base.ok()) return t_base.status();
    const CallGraph& now = Graph(false);
    const CallGraph& before = Graph(true);
    const CallGraph& in = want_new ? now : before;
    const CallGraph& other = want_new ? before : now;
    int t_in = want_new ? t_new : *t_base, t_other = want_new ? *t_base : t_new;
    std::map<std::string, bool> present;
    const NodeMatch match = MatchNodes(in, other);
    const std::vector<std::string>& in_keys = match.a;
    const std::vector<std::string>& other_keys = match.b;
    for (size_t n = 0; n < other.nodes.size(); ++n) {
      if (other.nodes[n].cum[t_other] != 0) present[other_keys[n]] = true;
    }
    double threshold = static_cast<double>(in.totals[t_in]) * c_.min_share;
    std::vector<std::string> names;
    for (size_t i = 0; i < in.nodes.size(); ++i) {
      const CallGraphNode& n = in.nodes[i];
      if (static_cast<double>(std::llabs(n.cum[t_in])) < threshold || n.cum[t_in] == 0) continue;
      if (!present.count(in_keys[i])) names.push_back(n.name);
    }
    std::sort(names.begin(), names.end());
    constexpr size_t kListed = 10;
    for (size_t i = 0; i < names.size() && i < kListed; ++i) details.push_back(std::string(want_new ? "new: " : "gone: ") + names[i]);
    if (names.size() > kListed) details.push_back("+" + std::to_string(names.size() - kListed) + " more");
    return Quantity{static_cast<double>(names.size()), Dimension::kCount};
  }

  const CheckContext& c_;
  const Rule& rule_;
  std::optional<CallGraph> graph_, base_graph_;
};

}  // namespace

std::string FormatQuantity(const Quantity& q) {
  if (IsRate(q.dimension)) return FormatRate(q.value, q.dimension);
  return FormatMeasure(q.dimension == Dimension::kBool ? (q.boolean ? 1 : 0) : q.value, q.dimension);
}

Result<Quantity> EvaluateMetric(const Expr& e, const CheckContext& context, std::optional<std::string>* undefined) {
  const Rule rule;
  Evaluator evaluator(context, rule);
  std::optional<Undefined> why;
  PROFLENS_ASSIGN_OR_RETURN(Quantity q, evaluator.Eval(e, false, &why));
  if (why) *undefined = why->message;
  return q;
}

Result<RuleResult> EvaluateRule(const Rule& rule, const CheckContext& context) {
  RuleResult result;
  result.rule = rule;
  Evaluator evaluator(context, rule);
  std::optional<Undefined> undefined;
  PROFLENS_ASSIGN_OR_RETURN(Quantity q, evaluator.Eval(rule.expr, false, &undefined));
  if (undefined) {
    result.error = undefined->message;
    return result;
  }
  if (q.dimension != Dimension::kBool) {
    return Status::Usage("column " + std::to_string(rule.expression_column) +
                         ": a rule must compare, as in cum(\"parse\") < 5%; this one is " +
                         std::string(DimensionName(q.dimension)) + " (" + FormatQuantity(q) + ")");
  }
  result.passed = q.boolean;
  result.actual = evaluator.last_actual;
  result.limit = evaluator.last_limit;
  result.actual_value = evaluator.last_actual_value;
  result.limit_value = evaluator.last_limit_value;
  result.details = std::move(evaluator.details);
  return result;
}

Result<std::vector<RuleSource>> CollectRules(const std::vector<std::string>& assertions, std::string_view rules_text,
                                             const std::string& rules_name) {
  std::vector<RuleSource> rules;
  for (size_t i = 0; i < assertions.size(); ++i) rules.push_back({assertions[i], "-a " + std::to_string(i + 1)});
  int number = 0;
  while (!rules_text.empty()) {
    size_t end = rules_text.find('\n');
    std::string line(rules_text.substr(0, end));
    rules_text.remove_prefix(end == std::string_view::npos ? rules_text.size() : end + 1);
    ++number;
    // "#" outside quotes starts a comment, at the start of a line or after a rule.
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quote != 0) {
        if (c == '\\') ++i;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        line.resize(i);
        break;
      }
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.back() == '\r') line.pop_back();
    rules.push_back({line, rules_name + ":" + std::to_string(number)});
  }
  if (rules.empty()) return Status::Usage("no rules: give -a 'cum(\"parse\") < 5%' or --rules FILE");
  return rules;
}

Result<std::vector<Rule>> ParseRules(const std::vector<RuleSource>& sources) {
  std::vector<Rule> rules;
  for (const RuleSource& source : sources) {
    Result<Rule> rule = ParseRule(source.text);
    if (!rule.ok()) return rule.status().WithContext("rule " + source.where);
    // A backslash before a backslash or the quote is the rule language's
    // escape: the pattern then differs from what was written.
    char quote = 0;
    size_t start = 0;
    for (size_t i = 0; i < source.text.size(); ++i) {
      const char c = source.text[i];
      if (quote == 0) {
        if (c == '"' || c == '\'') {
          quote = c;
          start = i;
        }
      } else if (c == '\\' && i + 1 < source.text.size() && (source.text[i + 1] == '\\' || source.text[i + 1] == quote)) {
        size_t end = source.text.find(quote, i + 2);
        rule->warnings.push_back("rule " + source.where + ": in " + source.text.substr(start, end == std::string::npos ? std::string::npos : end - start + 1) +
                                 ", \\" + source.text[i + 1] + " is one " + (source.text[i + 1] == '\\' ? "backslash" : "quote") +
                                 " (the pattern gets a single character there)");
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
    }
    rules.push_back(std::move(rule).value());
  }
  return rules;
}

Result<std::vector<RuleResult>> EvaluateRules(const std::vector<Rule>& rules, const std::vector<RuleSource>& sources,
                                              const CheckContext& context) {
  std::vector<RuleResult> results;
  for (size_t i = 0; i < rules.size(); ++i) {
    Result<RuleResult> r = EvaluateRule(rules[i], context);
    if (!r.ok()) {
      Status s = r.status();
      if (s.code() == StatusCode::kUsage) s = Status::Usage(WithCaret(sources[i].text, s.message()));
      return s.WithContext("rule " + sources[i].where);
    }
    results.push_back(std::move(r).value());
  }
  return results;
}

}  // namespace proflens
