#include "formats/pstats.h"

#include <cmath>
#include <string>

#include "analyzer/call_graph.h"
#include "analyzer/graph_profile.h"
#include "analyzer/hash.h"
#include "analyzer/intern_table.h"
#include "formats/marshal.h"

namespace proflens {

namespace {

// pstats's func_std_string.
std::string StdName(std::string_view file, int64_t line, std::string_view function) {
  if (file == "~" && line == 0) {
    if (function.size() >= 2 && function.front() == '<' && function.back() == '>') {
      return "{" + std::string(function.substr(1, function.size() - 2)) + "}";
    }
    return std::string(function);
  }
  return std::string(file) + ":" + std::to_string(line) + "(" + std::string(function) + ")";
}

class PstatsReader {
 public:
  explicit PstatsReader(const MarshalDocument& doc) : doc_(doc) {}

  Result<Profile> Run() {
    const MarshalValue& root = doc_[doc_.root];
    if (root.type != MarshalType::kDict) return Expected(root, "a dict of function statistics");
    graph_.sample_types.push_back({"time", "nanoseconds"});
    graph_.has_calls = true;
    graph_.graph_format = "cProfile";
    graph_.pstats = true;
    auto items = doc_.ItemsOf(root);
    graph_.nodes.reserve(items.size() / 2);
    nodes_.Reserve(items.size() / 2);
    keys_.reserve(items.size() / 2);
    // Every key first, so that node order is the file's order (pstats's tie order).
    for (size_t i = 0; i < items.size(); i += 2) {
      Result<uint32_t> node = Node(items[i]);
      if (!node.ok()) return node.status();
      if (graph_.nodes[*node].calls >= 0) return Expected(doc_[items[i]], "each function once");
      graph_.nodes[*node].calls = 0;
    }
    for (size_t i = 0; i < items.size(); i += 2) {
      PROFLENS_RETURN_IF_ERROR(Stats(*Node(items[i]), doc_[items[i + 1]]));
    }
    for (CallGraphNode& n : graph_.nodes) {
      if (n.calls < 0) n.calls = n.primitive_calls = 0;  // only seen as a caller
    }
    int64_t total = 0;
    for (const CallGraphNode& n : graph_.nodes) total = SaturatingAdd(total, n.flat[0]);
    graph_.totals = {total};
    return MakeGraphProfile(std::move(graph_));
  }

 private:
  Status Expected(const MarshalValue& v, std::string_view what) const {
    return Status::Input("byte offset " + std::to_string(v.offset) + ": expected " + std::string(what) +
                         ", found " + std::string(MarshalTypeName(v.type)));
  }

  Result<int64_t> Count(MarshalId id) const {
    const MarshalValue& v = doc_[id];
    if (v.type != MarshalType::kInt || v.integer < 0) return Expected(v, "a call count (an int of 0 or more)");
    return v.integer;
  }

  Result<int64_t> Nanos(MarshalId id) const {
    const MarshalValue& v = doc_[id];
    double seconds = v.type == MarshalType::kFloat ? v.number : static_cast<double>(v.integer);
    if ((v.type != MarshalType::kFloat && v.type != MarshalType::kInt) || !std::isfinite(seconds) ||
        std::fabs(seconds) > 9.0e9) {
      return Expected(v, "a time in seconds (a finite float)");
    }
    return static_cast<int64_t>(std::llround(seconds * 1e9));
  }

  // The node of a (file, line, function) key. Equal keys may be separate
  // objects (no marshal reference), so nodes are interned by content; a key
  // object seen before is one array lookup.
  Result<uint32_t> Node(MarshalId id) {
    if (node_of_value_.empty()) node_of_value_.assign(doc_.values.size(), kNoNode);
    if (node_of_value_[id] != kNoNode) return node_of_value_[id];
    const MarshalValue& key = doc_[id];
    auto parts = key.type == MarshalType::kTuple ? doc_.ItemsOf(key) : std::span<const MarshalId>();
    if (parts.size() != 3 || doc_[parts[0]].type != MarshalType::kString || doc_[parts[1]].type != MarshalType::kInt ||
        doc_[parts[2]].type != MarshalType::kString) {
      return Expected(key, "a function key (file, line, name)");
    }
    FunctionKey k{String(parts[0]), doc_[parts[1]].integer, String(parts[2])};
    uint64_t hash = HashCombine(HashCombine(HashMix(k.file), static_cast<uint64_t>(k.line)), k.function);
    auto [node, fresh] = nodes_.FindOrInsert(hash, static_cast<uint32_t>(keys_.size()),
                                             [&](uint32_t n) { return keys_[n] == k; });
    if (fresh) {
      keys_.push_back(k);
      std::string_view file = strings_[k.file], function = strings_[k.function];
      CallGraphNode n;
      n.name = StdName(file, k.line, function);
      n.info.name = n.name;
      n.info.file = std::string(file);
      n.info.start_line = k.line;
      n.flat = {0};
      n.cum = {0};
      graph_.nodes.push_back(std::move(n));
    }
    node_of_value_[id] = node;
    return node;
  }

  Status Stats(uint32_t node_id, const MarshalValue& v) {
    auto fields = v.type == MarshalType::kTuple ? doc_.ItemsOf(v) : std::span<const MarshalId>();
    if (fields.size() != 5) return Expected(v, "(primitive calls, calls, tottime, cumtime, callers)");
    Result<int64_t> cc = Count(fields[0]), nc = Count(fields[1]);
    Result<int64_t> tt = Nanos(fields[2]), ct = Nanos(fields[3]);
    for (const Status& s : {cc.status(), nc.status(), tt.status(), ct.status()}) PROFLENS_RETURN_IF_ERROR(s);
    {
      CallGraphNode& node = graph_.nodes[node_id];
      node.primitive_calls = *cc;
      node.calls = *nc;
      node.flat[0] = *tt;
      node.cum[0] = *ct;
    }
    const MarshalValue& callers = doc_[fields[4]];
    if (callers.type != MarshalType::kDict) return Expected(callers, "a dict of callers");
    auto items = doc_.ItemsOf(callers);
    for (size_t i = 0; i < items.size(); i += 2) {
      Result<uint32_t> caller = Node(items[i]);
      if (!caller.ok()) return caller.status();
      CallGraphEdge edge;
      edge.caller = *caller;
      edge.callee = node_id;
      edge.weight = {0};
      edge.flags = {kEdgePresent | kEdgeNotInline};
      const MarshalValue& call = doc_[items[i + 1]];
      if (call.type == MarshalType::kInt) {  // the old profile module: a call count
        Result<int64_t> n = Count(items[i + 1]);
        if (!n.ok()) return n.status();
        edge.calls = *n;
      } else {
        auto c = call.type == MarshalType::kTuple ? doc_.ItemsOf(call) : std::span<const MarshalId>();
        if (c.size() != 4) return Expected(call, "a caller's (calls, primitive calls, tottime, cumtime)");
        Result<int64_t> n = Count(c[0]), p = Count(c[1]), t = Nanos(c[2]), cum = Nanos(c[3]);
        for (const Status& s : {n.status(), p.status(), t.status(), cum.status()}) PROFLENS_RETURN_IF_ERROR(s);
        edge.calls = *n;
        edge.weight[0] = *cum;
      }
      graph_.edges.push_back(std::move(edge));
    }
    return Status::Ok();
  }

  // A string value's id among distinct strings: marshal writes a string
  // used again as a reference to it, so this is mostly one array lookup.
  uint32_t String(MarshalId id) {
    if (string_of_value_.empty()) string_of_value_.assign(doc_.values.size(), kNoNode);
    if (string_of_value_[id] != kNoNode) return string_of_value_[id];
    std::string_view text = doc_.Text(doc_[id]);
    auto [s, fresh] = string_ids_.FindOrInsert(HashString(text), static_cast<uint32_t>(strings_.size()),
                                               [&](uint32_t i) { return strings_[i] == text; });
    if (fresh) strings_.push_back(text);
    return string_of_value_[id] = s;
  }

  struct FunctionKey {
    uint32_t file = 0;  // ids from String()
    int64_t line = 0;
    uint32_t function = 0;
    bool operator==(const FunctionKey&) const = default;
  };
  static constexpr uint32_t kNoNode = UINT32_MAX;

  const MarshalDocument& doc_;
  CallGraph graph_;
  std::vector<uint32_t> node_of_value_;  // by MarshalId: the node of a key object seen before
  InternTable nodes_;
  std::vector<FunctionKey> keys_;        // by node
  std::vector<uint32_t> string_of_value_;  // by MarshalId
  InternTable string_ids_;
  std::vector<std::string_view> strings_;  // views into the input, by string id
};

}  // namespace

bool LooksLikePstats(std::string_view bytes) {
  if (bytes.size() < 2) return false;
  uint8_t first = static_cast<uint8_t>(bytes[0]) & 0x7f, second = static_cast<uint8_t>(bytes[1]);
  if (first != '{') return false;
  // The dict's first key: a tuple (maybe flagged as referenced), or the end marker.
  uint8_t code = second & 0x7f;
  return code == ')' || code == '(' || (second == '0' && bytes.size() == 2);
}

Result<Profile> ReadPstats(std::string_view bytes) {
  Result<MarshalDocument> doc = DecodeMarshal(bytes);
  if (!doc.ok()) return doc.status();
  return PstatsReader(*doc).Run();
}

}  // namespace proflens
