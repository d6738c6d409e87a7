#include "formats/pstats.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "formats/marshal.h"
#include "formats/pstats_graph.h"

namespace proflens {

namespace {

// Reads a decoded marshal document; every deviation from the pstats shape
// is an error naming its byte offset.
class PstatsReader {
 public:
  explicit PstatsReader(const MarshalDocument& doc) : doc_(doc) {}

  Result<GraphProfile> Run() && {
    const MarshalValue& root = doc_[doc_.root];
    if (root.type != MarshalType::kDict) return Expected(root, "a dict of function statistics");
    auto items = doc_.ItemsOf(root);
    graph_.Reserve(items.size() / 2, 0);
    // Every key first (so a bad key is reported before any stats).
    std::vector<bool> has_entry;
    for (size_t i = 0; i < items.size(); i += 2) {
      Result<uint32_t> function = Function(items[i]);
      if (!function.ok()) return function.status();
      if (*function >= has_entry.size()) has_entry.resize(*function + 1, false);
      if (has_entry[*function]) return Expected(doc_[items[i]], "each function once");
      has_entry[*function] = true;
    }
    for (size_t i = 0; i < items.size(); i += 2) {
      PROFLENS_RETURN_IF_ERROR(Stats(*Function(items[i]), doc_[items[i + 1]]));
    }
    return std::move(graph_).Build();
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
    std::optional<int64_t> ns =
        v.type == MarshalType::kFloat ? PstatsNanos(v.number)
        : v.type == MarshalType::kInt ? PstatsNanos(static_cast<double>(v.integer)) : std::nullopt;
    if (!ns) return Expected(v, "a time in seconds (a finite float)");
    return *ns;
  }

  // The function of a (file, line, name) key. Equal keys may be separate
  // objects (no marshal reference), so functions are interned by content; a
  // key object seen before is one array lookup.
  Result<uint32_t> Function(MarshalId id) {
    if (function_of_value_.empty()) function_of_value_.assign(doc_.values.size(), kNone);
    if (function_of_value_[id] != kNone) return function_of_value_[id];
    const MarshalValue& key = doc_[id];
    auto parts = key.type == MarshalType::kTuple ? doc_.ItemsOf(key) : std::span<const MarshalId>();
    if (parts.size() != 3 || doc_[parts[0]].type != MarshalType::kString || doc_[parts[1]].type != MarshalType::kInt ||
        doc_[parts[2]].type != MarshalType::kString) {
      return Expected(key, "a function key (file, line, name)");
    }
    return function_of_value_[id] = graph_.Function(String(parts[0]), doc_[parts[1]].integer, String(parts[2]));
  }

  Status Stats(uint32_t function, const MarshalValue& v) {
    auto fields = v.type == MarshalType::kTuple ? doc_.ItemsOf(v) : std::span<const MarshalId>();
    if (fields.size() != 5) return Expected(v, "(primitive calls, calls, tottime, cumtime, callers)");
    Result<int64_t> cc = Count(fields[0]), nc = Count(fields[1]);
    Result<int64_t> tt = Nanos(fields[2]), ct = Nanos(fields[3]);
    for (const Status& s : {cc.status(), nc.status(), tt.status(), ct.status()}) PROFLENS_RETURN_IF_ERROR(s);
    graph_.Entry(function, *cc, *nc, *tt, *ct);
    const MarshalValue& callers = doc_[fields[4]];
    if (callers.type != MarshalType::kDict) return Expected(callers, "a dict of callers");
    auto items = doc_.ItemsOf(callers);
    for (size_t i = 0; i < items.size(); i += 2) {
      Result<uint32_t> caller = Function(items[i]);
      if (!caller.ok()) return caller.status();
      const MarshalValue& call = doc_[items[i + 1]];
      if (call.type == MarshalType::kInt) {  // the old profile module: a call count
        Result<int64_t> n = Count(items[i + 1]);
        if (!n.ok()) return n.status();
        graph_.Caller(*caller, function, *n, 0);
        continue;
      }
      auto c = call.type == MarshalType::kTuple ? doc_.ItemsOf(call) : std::span<const MarshalId>();
      if (c.size() != 4) return Expected(call, "a caller's (calls, primitive calls, tottime, cumtime)");
      Result<int64_t> n = Count(c[0]), p = Count(c[1]), t = Nanos(c[2]), cum = Nanos(c[3]);
      for (const Status& s : {n.status(), p.status(), t.status(), cum.status()}) PROFLENS_RETURN_IF_ERROR(s);
      graph_.Caller(*caller, function, *n, *cum);
    }
    return Status::Ok();
  }

  // A string value's id among distinct strings: marshal writes a string
  // used again as a reference to it, so this is mostly one array lookup.
  uint32_t String(MarshalId id) {
    if (string_of_value_.empty()) string_of_value_.assign(doc_.values.size(), kNone);
    if (string_of_value_[id] != kNone) return string_of_value_[id];
    return string_of_value_[id] = graph_.String(doc_.Text(doc_[id]));
  }

  static constexpr uint32_t kNone = UINT32_MAX;

  const MarshalDocument& doc_;
  PstatsGraph graph_;
  std::vector<uint32_t> function_of_value_;  // by MarshalId: the function of a key object seen before
  std::vector<uint32_t> string_of_value_;    // by MarshalId
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

Result<GraphProfile> ReadPstatsDocument(std::string_view bytes) {
  Result<MarshalDocument> doc = DecodeMarshal(bytes);
  if (!doc.ok()) return doc.status();
  return PstatsReader(*doc).Run();
}

Result<GraphProfile> ReadPstats(std::string_view bytes) {
  // Well-formed files are read straight from the bytes; anything else goes
  // through the marshal document, which names what is wrong and where.
  if (std::optional<GraphProfile> direct = ReadPstatsDirect(bytes)) return std::move(*direct);
  return ReadPstatsDocument(bytes);
}

}  // namespace proflens
