#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/text.h"
#include "analyzer/units.h"
#include "analyzer/call_graph.h"
#include "analyzer/graph_profile.h"
#include "formats/callgrind/callgrind.h"
#include "formats/io/line_scanner.h"

namespace proflens {

namespace {

constexpr size_t kMaxEvents = 64;
constexpr size_t kMaxPositions = 4;

// The next whitespace-separated word of `s`, removed from it.
std::string_view NextWord(std::string_view& s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  size_t end = 0;
  while (end < s.size() && !IsSpace(s[end])) ++end;
  std::string_view word = s.substr(0, end);
  s.remove_prefix(end);
  return word;
}

bool ParseUnsigned(std::string_view word, int base, uint64_t* out) {
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), *out, base);
  return ec == std::errc() && end == word.data() + word.size() && !word.empty();
}

// An event that names its unit, as Xdebug writes them: "Time_(10ns)" is a
// time in units of 10 ns, "Memory_(bytes)" a size (speedscope reads them so
// too). Other events ("Ir", "Time") are counts.
struct EventUnit {
  std::string type;
  std::string unit = "count";
  int64_t factor = 1;
};

EventUnit ParseEventUnit(std::string_view event) {
  EventUnit out{std::string(event)};
  if (!event.ends_with(')')) return out;
  const size_t open = event.rfind("_(");
  if (open == std::string_view::npos || open == 0) return out;
  std::string_view unit = event.substr(open + 2, event.size() - open - 3);
  uint64_t factor = 1;
  size_t digits = 0;
  while (digits < unit.size() && unit[digits] >= '0' && unit[digits] <= '9') ++digits;
  if (digits > 0 && (!ParseUnsigned(unit.substr(0, digits), 10, &factor) || factor == 0 || factor > 1000000000)) return out;
  unit.remove_prefix(digits);
  std::string_view family = UnitFamily(unit);
  if (family != "time" && family != "bytes") return out;
  // In nanoseconds or bytes: "10us" is 10000 ns.
  out.unit = family == "time" ? "nanoseconds" : "bytes";
  const double base = ScaleValue(1, unit, out.unit).value * static_cast<double>(factor);
  if (base < 1 || base > 1e12 || base != static_cast<double>(static_cast<int64_t>(base))) return EventUnit{std::string(event)};
  out.type = std::string(event.substr(0, open));
  out.factor = static_cast<int64_t>(base);
  return out;
}

// The per-namespace tables of "(id) name" compression.
class NameTable {
 public:
  // Resolves "(id) name" (defines id), "(id)" (uses it) or a plain name
  // (which may start with "(": "(below main)"). False for an undefined id.
  bool Resolve(std::string_view spec, std::string_view* name) {
    spec = Trim(spec);
    if (spec.empty() || spec.front() != '(') {
      *name = spec;
      return true;
    }
    size_t close = spec.find(')');
    uint64_t id = 0;
    if (close == std::string_view::npos || !ParseUnsigned(spec.substr(1, close - 1), 10, &id)) {
      *name = spec;  // a name that starts with "(", as "(below main)"
      return true;
    }
    std::string_view rest = Trim(spec.substr(close + 1));
    if (rest.empty()) {
      auto it = names_.find(id);
      if (it == names_.end()) it = later_.find(id);
      if (it == later_.end()) return false;
      *name = it->second;
      return true;
    }
    auto [it, added] = names_.try_emplace(id, rest);
    if (!added) it->second = std::string(rest);
    *name = it->second;
    return true;
  }

  // A definition found further down the file ("(8) libc.so.6"), for ids used
  // before it: callgrind_annotate and gprof2dot accept those.
  void DefineLater(std::string_view spec) {
    spec = Trim(spec);
    size_t close = spec.find(')');
    uint64_t id = 0;
    if (spec.empty() || spec.front() != '(' || close == std::string_view::npos ||
        !ParseUnsigned(spec.substr(1, close - 1), 10, &id)) {
      return;
    }
    std::string_view rest = Trim(spec.substr(close + 1));
    if (!rest.empty()) later_.try_emplace(id, rest);
  }

 private:
  std::unordered_map<uint64_t, std::string> names_;
  std::unordered_map<uint64_t, std::string> later_;
};

class CallgrindReader {
 public:
  CallgrindReader(std::string_view text, std::vector<std::string>* notes, std::vector<SkippedLines>* skipped)
      : text_(text), scanner_(text), notes_(notes), skipped_out_(skipped) {
    skipped_.one = "malformed line (callgrind_annotate ignores it too)";
    skipped_.many = "malformed lines (callgrind_annotate ignores them too)";
  }

  Result<GraphProfile> Run() {
    std::string_view line;
    while (scanner_.Next(&line)) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      std::string_view trimmed = Trim(line);
      if (trimmed.empty() || trimmed.front() == '#') {
        // calls= gives its cost on the very next line; anything else between
        // would take the next function's own cost for the call's.
        if (call_pending_) return Error(scanner_.line_number(), "the call's cost line right after calls=");
        continue;
      }
      if (call_pending_ && !IsCostLine(line)) {
        return Error(scanner_.line_number(), "the call's cost line right after calls=");
      }
      current_line_ = line;
      PROFLENS_RETURN_IF_ERROR(Line(line));
    }
    if (events_.empty()) return Error(scanner_.line_number(), "an \"events:\" line (the file has none)");
    if (call_pending_) return Error(scanner_.line_number(), "the call's cost line after calls= (the file ends)");
    Notes();
    return Finish();
  }

 private:
  Status Error(uint64_t line, std::string_view expected) const {
    return Status::Input("line " + std::to_string(line) + ": expected " + std::string(expected));
  }

  // A line callgrind_annotate would ignore ("WARNING: line N malformed,
  // ignoring"): skipped and counted. A call whose cost line it was is dropped.
  Status Malformed() {
    skipped_.Add(scanner_.line_number(), current_line_);
    call_pending_ = false;
    return Status::Ok();
  }

  // What was read in an odd way, one note each; skipped lines go to the
  // caller's list, or become a note when it has none.
  void Notes() {
    if (notes_ != nullptr && star_costs_ > 0) {
      notes_->push_back(std::to_string(star_costs_) + (star_costs_ == 1 ? " event count is" : " event counts are") +
                        " \"*\" (first: line " + std::to_string(first_star_line_) +
                        "), which only positions may be: read as 0, as callgrind_annotate reads them");
    }
    if (notes_ != nullptr && signed_counts_ > 0) {
      notes_->push_back(std::to_string(signed_counts_) + (signed_counts_ == 1 ? " event count is" : " event counts are") +
                        " negative (first: line " + std::to_string(first_signed_line_) +
                        "): added as they are, as callgrind_annotate adds them");
    }
    if (notes_ != nullptr && !unnamed_ids_.empty()) {
      notes_->push_back(std::to_string(unnamed_ids_.size()) + (unnamed_ids_.size() == 1 ? " id is" : " ids are") +
                        " never given a name (first: " + unnamed_ids_.front() + "): named by the id, as \"" +
                        unnamed_ids_.front().substr(unnamed_ids_.front().find('=') + 1) + "\"");
    }
    if (skipped_.count == 0) return;
    if (skipped_out_ != nullptr) {
      skipped_out_->push_back(skipped_);
    } else if (notes_ != nullptr) {
      notes_->push_back("skipped " + std::to_string(skipped_.count) + " " + skipped_.what() + " (first: line " +
                        std::to_string(skipped_.first_line) + ": \"" + skipped_.first_text + "\")");
    }
  }

  static bool IsCostLine(std::string_view line) {
    const char c = line.front();
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '*';
  }

  Status Line(std::string_view line) {
    if (IsCostLine(line)) return CostLine(line);
    size_t eq = line.find('=');
    size_t colon = line.find(':');
    if (eq != std::string_view::npos && (colon == std::string_view::npos || eq < colon)) {
      return Spec(line.substr(0, eq), line.substr(eq + 1));
    }
    if (colon != std::string_view::npos) return Header(Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
    return Malformed();  // not a cost line, a "key=value" line or a "key: value" header line
  }

  Status Header(std::string_view key, std::string_view value) {
    if (key == "events") {
      if (!events_.empty() || body_started_) return Error(scanner_.line_number(), "one \"events:\" line");
      for (std::string_view v = value, w = NextWord(v); !w.empty(); w = NextWord(v)) events_.emplace_back(w);
      if (events_.empty() || events_.size() > kMaxEvents) {
        return Error(scanner_.line_number(), "1 to " + std::to_string(kMaxEvents) + " event names");
      }
      graph_.sample_types.clear();
      event_factors_.clear();
      for (const std::string& e : events_) {
        EventUnit u = ParseEventUnit(e);
        graph_.sample_types.push_back({u.type, u.unit});
        event_factors_.push_back(u.factor);
      }
    } else if (key == "positions") {
      if (body_started_) return Error(scanner_.line_number(), "\"positions:\" before the first cost line");
      positions_ = 0;
      for (std::string_view v = value, w = NextWord(v); !w.empty(); w = NextWord(v)) ++positions_;
      if (positions_ == 0 || positions_ > kMaxPositions) {
        return Error(scanner_.line_number(), "1 to " + std::to_string(kMaxPositions) + " position names");
      }
    } else if (key == "summary" || key == "totals") {
      std::vector<int64_t>& costs = key == "summary" ? summary_ : totals_;
      costs.clear();
      for (std::string_view v = value, w = NextWord(v); !w.empty(); w = NextWord(v)) {
        uint64_t n = 0;
        if (!ParseUnsigned(w, 10, &n)) return Malformed();  // event counts expected after summary: or totals:
        costs.push_back(static_cast<int64_t>(n > INT64_MAX ? INT64_MAX : n));
      }
    } else if (key == "cmd" || key == "creator") {
      if (!value.empty()) graph_.source.comments.push_back(std::string(key) + ": " + std::string(value));
    }
    // version, pid, part, thread, desc, event (long names) and unknown keys carry nothing we show.
    return Status::Ok();
  }

  Status Spec(std::string_view key, std::string_view value) {
    std::string_view name;
    if (events_.empty() && key != "jump" && key != "jcnd") {
      return Error(scanner_.line_number(), "an \"events:\" header line before " + std::string(key.substr(0, 40)) + "=");
    }
    // An id defined further down is looked up there (callgrind_annotate and
    // gprof2dot accept it); one never named anywhere is named by itself, "(7)".
    auto resolve = [&](NameTable& table) {
      if (table.Resolve(value, &name)) return Status::Ok();
      if (ScanOnce() && table.Resolve(value, &name)) return Status::Ok();
      name = Trim(value);
      if (unnamed_ids_.size() < 1000 &&
          std::find(unnamed_ids_.begin(), unnamed_ids_.end(), std::string(key) + "=" + std::string(name)) == unnamed_ids_.end()) {
        unnamed_ids_.push_back(std::string(key) + "=" + std::string(name));
      }
      return Status::Ok();
    };
    if (key == "fn") {
      PROFLENS_RETURN_IF_ERROR(resolve(functions_));
      function_ = std::string(name);
      Enter(file_);
    } else if (key == "fl") {
      PROFLENS_RETURN_IF_ERROR(resolve(files_));
      file_ = std::string(name);
    } else if (key == "fi" || key == "fe") {
      PROFLENS_RETURN_IF_ERROR(resolve(files_));
      file_ = std::string(name);
      // Before any fn= (Python profilers write "fi=~" first) it is the file, as fl= is.
      if (current_ != UINT32_MAX) Enter(file_);
    } else if (key == "ob" || key == "cob") {
      // An object id never given a name (valgrind writes "ob=(8)" so at
      // times) is named "(8)": the object only labels the functions.
      if (!objects_.Resolve(value, &name) && !(ScanOnce() && objects_.Resolve(value, &name))) name = Trim(value);
      (key == "ob" ? object_ : callee_object_) = std::string(name);
    } else if (key == "cfi" || key == "cfl") {
      PROFLENS_RETURN_IF_ERROR(resolve(files_));
      callee_file_ = std::string(name);
      callee_file_set_ = true;
    } else if (key == "cfn") {
      PROFLENS_RETURN_IF_ERROR(resolve(functions_));
      callee_ = NodeFor(callee_file_set_ ? callee_file_ : file_, name, callee_object_.empty() ? object_ : callee_object_);
      callee_file_set_ = false;
      callee_object_.clear();
    } else if (key == "calls") {
      if (current_ == UINT32_MAX || callee_ == UINT32_MAX) {
        return Error(scanner_.line_number(), "fn= and cfn= before calls=");
      }
      std::string_view rest = value;
      uint64_t count = 0;
      if (!ParseUnsigned(NextWord(rest), 10, &count)) return Malformed();  // a call count expected after calls=
      pending_calls_ = static_cast<int64_t>(count > INT64_MAX ? INT64_MAX : count);
      call_pending_ = true;
    } else if (key == "jfi") {
      PROFLENS_RETURN_IF_ERROR(resolve(files_));
    } else if (key == "jfn") {
      PROFLENS_RETURN_IF_ERROR(resolve(functions_));
    } else if (key != "jump" && key != "jcnd") {
      return Malformed();  // a key other than fn, fl, fi, fe, ob, cob, cfi, cfl, cfn, calls, jump, jcnd, jfi, jfn
    }
    return Status::Ok();
  }

  // Costs now go to FILE:function_.
  void Enter(const std::string& file) { current_ = NodeFor(file, function_, object_); }

  uint32_t NodeFor(std::string_view file, std::string_view function, std::string_view object) {
    key_.assign(file);
    key_ += '\0';
    key_ += function;
    auto [it, added] = node_by_key_.try_emplace(key_, static_cast<uint32_t>(graph_.nodes.size()));
    if (added) {
      CallGraphNode node;
      node.info.name = std::string(function);
      node.info.file = std::string(file);
      node.info.objfile = std::string(object);
      node.name = node.info.name;
      graph_.nodes.push_back(std::move(node));
      self_.resize(self_.size() + events_.size(), 0);
    }
    return it->second;
  }

  Status CostLine(std::string_view line) {
    if (events_.empty()) return Error(scanner_.line_number(), "\"events:\" before the first cost line");
    body_started_ = true;
    if (current_ == UINT32_MAX) return Error(scanner_.line_number(), "fn= before the first cost line");
    std::string_view rest = line;
    for (size_t p = 0; p < positions_; ++p) {
      std::string_view word = NextWord(rest);
      uint64_t value = 0;
      bool ok = word == "*";
      if (!ok && !word.empty() && (word[0] == '+' || word[0] == '-')) {
        std::string_view digits = word.substr(1);
        ok = digits.starts_with("0x") ? ParseUnsigned(digits.substr(2), 16, &value) : ParseUnsigned(digits, 10, &value);
      } else if (!ok) {
        ok = word.starts_with("0x") ? ParseUnsigned(word.substr(2), 16, &value) : ParseUnsigned(word, 10, &value);
      }
      if (!ok) return Malformed();  // a position expected (a number, 0xhex, +N, -N or *)
    }
    int64_t costs[kMaxEvents];
    size_t n = 0;
    for (std::string_view word = NextWord(rest); !word.empty(); word = NextWord(rest)) {
      uint64_t value = 0;
      if (n == events_.size()) return Malformed();  // more event counts than events
      if (word == "*") {  // "* *": subposition compression where a count belongs
        if (star_costs_++ == 0) first_star_line_ = scanner_.line_number();
        costs[n++] = 0;
        continue;
      }
      // A sign, as callgrind_annotate (perl's numbers) reads it: "+400", "-300".
      const bool negative = word.front() == '-';
      if (word.front() == '+' || negative) word.remove_prefix(1);
      if (!ParseUnsigned(word, 10, &value)) return Malformed();  // an event count expected (a decimal number)
      const int64_t count = static_cast<int64_t>(value > INT64_MAX ? INT64_MAX : value);
      if (negative && signed_counts_++ == 0) first_signed_line_ = scanner_.line_number();
      costs[n++] = negative ? -count : count;
    }
    if (call_pending_) {
      AddCall(costs, n);
      call_pending_ = false;
      return Status::Ok();
    }
    int64_t* self = &self_[size_t{current_} * events_.size()];
    for (size_t i = 0; i < n; ++i) self[i] = SaturatingAdd(self[i], costs[i]);
    return Status::Ok();
  }

  void AddCall(const int64_t* costs, size_t n) {
    uint64_t key = (uint64_t{current_} << 32) | callee_;
    auto [it, added] = edge_by_pair_.try_emplace(key, static_cast<uint32_t>(call_pairs_.size()));
    if (added) {
      call_costs_.resize(call_costs_.size() + events_.size(), 0);
      call_pairs_.push_back({current_, callee_});
      call_counts_.push_back(0);
    }
    int64_t* sum = &call_costs_[size_t{it->second} * events_.size()];
    for (size_t i = 0; i < n; ++i) sum[i] = SaturatingAdd(sum[i], costs[i]);
    call_counts_[it->second] = SaturatingAdd(call_counts_[it->second], pending_calls_);
  }

  Result<GraphProfile> Finish() {
    const size_t types = events_.size();
    ScaleEventUnits();
    std::vector<bool> called(graph_.nodes.size(), false);
    for (size_t n = 0; n < graph_.nodes.size(); ++n) {
      CallGraphNode& node = graph_.nodes[n];
      node.flat.assign(self_.begin() + n * types, self_.begin() + (n + 1) * types);
      node.cum = node.flat;
      node.calls = 0;
    }
    // callgrind_annotate's inclusive cost: incoming calls where there are any, else self plus outgoing calls.
    std::vector<std::vector<int64_t>> incoming(graph_.nodes.size());
    for (size_t e = 0; e < call_pairs_.size(); ++e) {
      auto [caller, callee] = call_pairs_[e];
      const int64_t* cost = &call_costs_[e * types];
      CallGraphEdge edge;
      edge.caller = caller;
      edge.callee = callee;
      edge.weight.assign(cost, cost + types);
      edge.flags.assign(types, 0);
      for (size_t t = 0; t < types; ++t) edge.flags[t] = kEdgePresent | kEdgeNotInline;
      edge.calls = call_counts_[e];
      graph_.edges.push_back(std::move(edge));
      CallGraphNode& callee_node = graph_.nodes[callee];
      callee_node.calls = SaturatingAdd(callee_node.calls, call_counts_[e]);
      std::vector<int64_t>& in = incoming[callee];
      if (in.empty()) in.assign(types, 0);
      for (size_t t = 0; t < types; ++t) {
        in[t] = SaturatingAdd(in[t], cost[t]);
        graph_.nodes[caller].cum[t] = SaturatingAdd(graph_.nodes[caller].cum[t], cost[t]);
      }
    }
    for (size_t n = 0; n < graph_.nodes.size(); ++n) {
      if (!incoming[n].empty()) graph_.nodes[n].cum = incoming[n];
    }
    // The total: summary:, else totals:, else the sum of own costs (as callgrind_annotate).
    std::vector<int64_t> total(types, 0), own(types, 0);
    for (const CallGraphNode& node : graph_.nodes) {
      for (size_t t = 0; t < types; ++t) own[t] = SaturatingAdd(own[t], node.flat[t]);
    }
    const std::vector<int64_t>& given = !IsZero(summary_) ? summary_ : totals_;
    if (!IsZero(given)) {
      for (size_t t = 0; t < types && t < given.size(); ++t) {
        total[t] = given[t];
        // Trusted as callgrind_annotate trusts it, but not in silence.
        if (given[t] != own[t] && notes_ != nullptr) {
          notes_->push_back("the " + std::string(&summary_ == &given ? "summary:" : "totals:") + " line gives " + events_[t] +
                          " " + std::to_string(given[t]) + ", the costs add up to " + std::to_string(own[t]) +
                          "; shares are of the given total, as callgrind_annotate computes them");
        }
      }
    } else {
      total = own;
    }
    graph_.totals = total;
    graph_.has_calls = true;
    // The first event is the one callgrind_annotate sorts by.
    return MakeGraphProfile(std::move(graph_), "callgrind", 0);
  }

  // Costs of an event counted in units of N ("Time_(10ns)") times N.
  void ScaleEventUnits() {
    const size_t types = events_.size();
    auto scale = [&](std::vector<int64_t>& costs) {
      for (size_t i = 0; i < costs.size(); ++i) {
        costs[i] = Times(costs[i], event_factors_[i % types]);
      }
    };
    scale(self_);
    scale(call_costs_);
    for (std::vector<int64_t>* given : {&summary_, &totals_}) {
      for (size_t t = 0; t < given->size() && t < types; ++t) {
        (*given)[t] = Times((*given)[t], event_factors_[t]);
      }
    }
  }

  static int64_t Times(int64_t v, int64_t factor) {
    int64_t out = 0;
    if (!__builtin_mul_overflow(v, factor, &out)) return out;
    return v < 0 ? INT64_MIN : INT64_MAX;
  }

  static bool IsZero(const std::vector<int64_t>& costs) {
    for (int64_t c : costs) {
      if (c != 0) return false;
    }
    return true;
  }

  std::string_view text_;
  LineScanner scanner_;
  std::vector<std::string>* notes_;  // may be null
  std::vector<SkippedLines>* skipped_out_;  // may be null
  SkippedLines skipped_;
  std::string_view current_line_;
  uint64_t star_costs_ = 0, first_star_line_ = 0, signed_counts_ = 0, first_signed_line_ = 0;
  std::vector<std::string> unnamed_ids_;  // "fn=(7)", in the order met
  CallGraph graph_;
  std::vector<std::string> events_;
  std::vector<int64_t> event_factors_;  // per event: its unit in the file ("Time_(10ns)": 10)
  size_t positions_ = 1;
  bool body_started_ = false;
  std::vector<int64_t> summary_, totals_;
  // Every "(id) name" definition in the file, once, when an id is used
  // before its definition. False when it was scanned already.
  bool ScanOnce() {
    if (scanned_ahead_) return false;
    ScanDefinitions();
    return true;
  }
  void ScanDefinitions() {
    scanned_ahead_ = true;
    LineScanner scanner(text_);
    std::string_view line;
    while (scanner.Next(&line)) {
      size_t eq = line.find('=');
      if (eq == std::string_view::npos || eq > 4) continue;
      std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
      if (key == "fn" || key == "cfn") functions_.DefineLater(value);
      if (key == "fl" || key == "fi" || key == "fe" || key == "cfi" || key == "cfl") files_.DefineLater(value);
      if (key == "ob" || key == "cob") objects_.DefineLater(value);
    }
  }

  NameTable files_, functions_, objects_;
  bool scanned_ahead_ = false;
  std::string file_, function_, object_, callee_file_, callee_object_;
  bool callee_file_set_ = false;
  uint32_t current_ = UINT32_MAX, callee_ = UINT32_MAX;
  bool call_pending_ = false;
  int64_t pending_calls_ = 0;
  std::string key_;
  std::unordered_map<std::string, uint32_t> node_by_key_;
  std::vector<int64_t> self_;  // one per event per node
  std::unordered_map<uint64_t, uint32_t> edge_by_pair_;
  std::vector<std::pair<uint32_t, uint32_t>> call_pairs_;
  std::vector<int64_t> call_costs_;  // one per event per call arc
  std::vector<int64_t> call_counts_;
};

}  // namespace

bool IsCallgrindHeaderLine(std::string_view line) {
  return line.starts_with("# callgrind format") || line.starts_with("events:") || line.starts_with("positions:") ||
         line.starts_with("fn=") || line.starts_with("cfn=");
}

Result<GraphProfile> ReadCallgrind(std::string_view text, std::vector<std::string>* notes, std::vector<SkippedLines>* skipped) {
  return CallgrindReader(text, notes, skipped).Run();
}

}  // namespace proflens
