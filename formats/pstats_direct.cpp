// ReadPstatsDirect: a pstats file read straight from its marshal bytes, with
// no document of every value: the dict's entries go to PstatsGraph as they
// are decoded. Only what pstats writes is taken: string keys, int counts,
// float or int times, references to strings, ints, floats and keys already
// read. Anything else, malformed or merely unusual, gives up (nullopt) and
// leaves the file to the marshal document path, which explains errors.
#include <cstring>

#include "formats/pstats.h"
#include "formats/pstats_graph.h"

namespace proflens {

namespace {

constexpr uint8_t kFlagRef = 0x80;

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
    if (c & kFlagRef) {
      taken = static_cast<int64_t>(refs_.size());
      refs_.emplace_back();
      refs_.back().kind = Ref::kOther;
    }
    if (slot != nullptr) *slot = taken;
    *code = c & ~kFlagRef;
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
      const uint8_t next = static_cast<uint8_t>(bytes_[pos_]) & ~kFlagRef;
      int64_t calls = 0, primitive = 0, tottime = 0, cumtime = 0;
      if (next == 'i' || next == 'r') {
        if (!Count(&calls)) return false;
      } else if (!Header(&code) || !Tuple(code, 4) || !Count(&calls) || !Count(&primitive) || !Nanos(&tottime) ||
                 !Nanos(&cumtime)) {
        return false;
      }
      graph_.Caller(caller, function, calls, cumtime);
    }
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  std::vector<Ref> refs_;
  PstatsGraph graph_;
};

}  // namespace

std::optional<GraphProfile> ReadPstatsDirect(std::string_view bytes) { return DirectReader(bytes).Run(); }

}  // namespace proflens
