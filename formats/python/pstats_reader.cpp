// The cProfile reader. Its fast path reads the marshal bytes straight into
// PstatsGraph; anything it does not expect goes to the document path, which
// decodes the whole marshal document and names what is wrong and where.
#include "formats/python/pstats_reader.h"

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "formats/python/marshal.h"
#include "formats/python/pstats_graph.h"

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
      PROFLENS_ASSIGN_OR_RETURN(uint32_t function, Function(items[i]));
      if (function >= has_entry.size()) has_entry.resize(function + 1, false);
      if (has_entry[function]) return Expected(doc_[items[i]], "each function once");
      has_entry[function] = true;
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
      PROFLENS_ASSIGN_OR_RETURN(uint32_t caller, Function(items[i]));
      const MarshalValue& call = doc_[items[i + 1]];
      if (call.type == MarshalType::kInt) {  // the old profile module: a call count
        Result<int64_t> n = Count(items[i + 1]);
        if (!n.ok()) return n.status();
        graph_.Caller(caller, function, *n, -1, 0);
        continue;
      }
      auto c = call.type == MarshalType::kTuple ? doc_.ItemsOf(call) : std::span<const MarshalId>();
      if (c.size() != 4) return Expected(call, "a caller's (calls, primitive calls, tottime, cumtime)");
      Result<int64_t> n = Count(c[0]), p = Count(c[1]), t = Nanos(c[2]), cum = Nanos(c[3]);
      for (const Status& s : {n.status(), p.status(), t.status(), cum.status()}) PROFLENS_RETURN_IF_ERROR(s);
      graph_.Caller(caller, function, *n, *p, *cum);
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

// The direct path, ReadPstatsDirect: a pstats file read straight from its marshal bytes, with
// no document of every value: the dict's entries go to PstatsGraph as they
// are decoded. Only what pstats writes is taken: string keys, int counts,
// float or int times, references to strings, ints, floats and keys already
// read. Anything else, malformed or merely unusual, gives up (nullopt) and
// leaves the file to the marshal document path, which explains errors.

namespace {


class DirectReader {
 public:
  explicit DirectReader(std::string_view bytes) : bytes_(bytes) {}

  std::optional<GraphProfile> Run() && {
    // Rough room: an entry takes about 60 bytes, a caller about 25.
    graph_.Reserve(bytes_.size() / 160 + 16, bytes_.size() / 40 + 16);
    uint8_t code = 0;
    if (!Header(&code) || code != '{') return std::nullopt;
    while (true) {
      if (pos_ >= bytes_.size()) return std::nullopt;
      if (bytes_[pos_] == '0') {
        ++pos_;
        break;
      }
      uint32_t function = 0;
      if (!Function(&function) || !Entry(function)) return std::nullopt;
    }
    if (pos_ != bytes_.size()) return std::nullopt;
    return std::move(graph_).Build();
  }

 private:
  // What a reference can stand for here.
  struct Ref {
    enum Kind : uint8_t { kPending, kOther, kInt, kFloat, kString, kFunction } kind = kPending;
    uint32_t id = 0;  // kString: string id; kFunction: function id
    int64_t integer = 0;
    double number = 0;
  };

  // Reads a type code; a flagged object takes the next reference slot (as
  // marshal numbers them: before its children). *slot is that slot or -1.
  bool Header(uint8_t* code, int64_t* slot = nullptr) {
    if (pos_ >= bytes_.size()) return false;
    uint8_t c = static_cast<uint8_t>(bytes_[pos_++]);
    int64_t taken = -1;
    if (c & kMarshalFlagRef) {
      taken = static_cast<int64_t>(refs_.size());
      refs_.emplace_back();
      refs_.back().kind = Ref::kOther;
    }
    if (slot != nullptr) *slot = taken;
    *code = c & ~kMarshalFlagRef;
    return true;
  }

  bool Int32(int32_t* out) {
    if (bytes_.size() - pos_ < 4) return false;
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
    pos_ += 4;
    std::memcpy(out, &v, 4);
    return true;
  }

  // The object a reference ('r', already read) names, when it is a `kind`.
  const Ref* Reference(Ref::Kind kind) {
    int32_t n = 0;
    if (!Int32(&n) || n < 0 || static_cast<size_t>(n) >= refs_.size() || refs_[n].kind != kind) return nullptr;
    return &refs_[n];
  }

  // An int ('i') or a binary float ('g'), or a reference to either: as a Ref
  // of kind kInt or kFloat.
  bool Number(Ref* out) {
    uint8_t code = 0;
    int64_t slot = -1;
    if (!Header(&code, &slot)) return false;
    if (code == 'r') {
      int32_t n = 0;
      if (!Int32(&n) || n < 0 || static_cast<size_t>(n) >= refs_.size()) return false;
      *out = refs_[n];
      return out->kind == Ref::kInt || out->kind == Ref::kFloat;
    }
    if (code == 'i') {
      int32_t n = 0;
      if (!Int32(&n)) return false;
      *out = {Ref::kInt, 0, n, 0};
    } else if (code == 'g') {
      if (bytes_.size() - pos_ < 8) return false;
      uint64_t bits = 0;
      for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
      pos_ += 8;
      double number = 0;
      std::memcpy(&number, &bits, 8);
      *out = {Ref::kFloat, 0, 0, number};
    } else {
      return false;
    }
    if (slot >= 0) refs_[slot] = *out;
    return true;
  }

  // A call count: an int of 0 or more.
  bool Count(int64_t* out) {
    Ref n;
    if (!Number(&n) || n.kind != Ref::kInt || n.integer < 0) return false;
    *out = n.integer;
    return true;
  }

  // Seconds as a float or an int; in ns.
  bool Nanos(int64_t* out) {
    Ref n;
    if (!Number(&n)) return false;
    std::optional<int64_t> ns = PstatsNanos(n.kind == Ref::kFloat ? n.number : static_cast<double>(n.integer));
    if (!ns) return false;
    *out = *ns;
    return true;
  }

  // A str in any of its forms, or a reference to one: its string id.
  bool String(uint32_t* out) {
    uint8_t code = 0;
    int64_t slot = -1;
    if (!Header(&code, &slot)) return false;
    if (code == 'r') {
      const Ref* r = Reference(Ref::kString);
      if (r == nullptr) return false;
      *out = r->id;
      return true;
    }
    uint32_t n = 0;
    if (code == 'z' || code == 'Z') {
      if (pos_ >= bytes_.size()) return false;
      n = static_cast<uint8_t>(bytes_[pos_++]);
    } else if (code == 'a' || code == 'A' || code == 'u' || code == 't') {
      int32_t size = 0;
      if (!Int32(&size) || size < 0) return false;
      n = static_cast<uint32_t>(size);
    } else {
      return false;
    }
    if (bytes_.size() - pos_ < n) return false;
    *out = graph_.String(bytes_.substr(pos_, n));
    pos_ += n;
    if (slot >= 0) refs_[slot] = {Ref::kString, *out, 0, 0};
    return true;
  }

  // A tuple header of exactly `size` items.
  bool Tuple(uint8_t code, uint32_t size) {
    if (code == ')') {
      if (pos_ >= bytes_.size()) return false;
      return static_cast<uint8_t>(bytes_[pos_++]) == size;
    }
    int32_t n = 0;
    return code == '(' && Int32(&n) && n == static_cast<int32_t>(size);
  }

  // A (file, line, name) key, or a reference to one: its function id.
  bool Function(uint32_t* out) {
    uint8_t code = 0;
    int64_t slot = -1;
    if (!Header(&code, &slot)) return false;
    if (code == 'r') {
      const Ref* r = Reference(Ref::kFunction);
      if (r == nullptr) return false;
      *out = r->id;
      return true;
    }
    uint32_t file = 0, name = 0;
    int64_t line = 0;
    Ref line_number;
    if (!Tuple(code, 3) || !String(&file) || !Number(&line_number) || line_number.kind != Ref::kInt || !String(&name)) {
      return false;
    }
    line = line_number.integer;
    *out = graph_.Function(file, line, name);
    if (slot >= 0) refs_[slot] = {Ref::kFunction, *out, 0, 0};
    return true;
  }

  // The value of a function's entry: (cc, nc, tt, ct, {caller: stats}).
  bool Entry(uint32_t function) {
    uint8_t code = 0;
    int64_t cc = 0, nc = 0, tt = 0, ct = 0;
    if (!Header(&code) || !Tuple(code, 5) || !Count(&cc) || !Count(&nc) || !Nanos(&tt) || !Nanos(&ct)) return false;
    if (!graph_.Entry(function, cc, nc, tt, ct)) return false;  // a function twice
    if (!Header(&code) || code != '{') return false;
    while (true) {
      if (pos_ >= bytes_.size()) return false;
      if (bytes_[pos_] == '0') {
        ++pos_;
        return true;
      }
      uint32_t caller = 0;
      if (!Function(&caller)) return false;
      // (calls, primitive calls, tottime, cumtime), or the old profile module's call count.
      if (pos_ >= bytes_.size()) return false;
      const uint8_t next = static_cast<uint8_t>(bytes_[pos_]) & ~kMarshalFlagRef;
      int64_t calls = 0, primitive = -1, tottime = 0, cumtime = 0;
      if (next == 'i' || next == 'r') {
        if (!Count(&calls)) return false;
      } else if (!Header(&code) || !Tuple(code, 4) || !Count(&calls) || !Count(&primitive) || !Nanos(&tottime) ||
                 !Nanos(&cumtime)) {
        return false;
      }
      graph_.Caller(caller, function, calls, primitive, cumtime);
    }
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  std::vector<Ref> refs_;
  PstatsGraph graph_;
};

}  // namespace

std::optional<GraphProfile> ReadPstatsDirect(std::string_view bytes) { return DirectReader(bytes).Run(); }

Result<GraphProfile> ReadPstatsDocument(std::string_view bytes) {
  PROFLENS_ASSIGN_OR_RETURN(MarshalDocument doc, DecodeMarshal(bytes));
  return PstatsReader(doc).Run();
}

Result<GraphProfile> ReadPstats(std::string_view bytes) {
  // Well-formed files are read straight from the bytes; anything else goes
  // through the marshal document, which names what is wrong and where.
  if (std::optional<GraphProfile> direct = ReadPstatsDirect(bytes)) return std::move(*direct);
  return ReadPstatsDocument(bytes);
}

}  // namespace proflens
