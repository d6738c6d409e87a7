// Protobuf's wire format by hand, for the one message that can be huge:
// profile.proto's samples. The pprof reader and writer handle everything
// else with the generated code and stream the samples through this, so a
// 2-million-sample profile never becomes 2 million message objects.
#ifndef PROFLENS_FORMATS_PPROF_PROTOBUF_WIRE_H_
#define PROFLENS_FORMATS_PPROF_PROTOBUF_WIRE_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace proflens {

class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  bool done() const { return p_ == end_; }
  const char* position() const { return p_; }

  bool Varint(uint64_t* out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      uint8_t b = static_cast<uint8_t>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) {
        *out = v;
        return true;
      }
    }
    return false;
  }

  // A field's number and wire type.
  bool Tag(uint32_t* field, uint32_t* wire) {
    uint64_t tag = 0;
    if (!Varint(&tag) || (tag >> 3) == 0 || (tag >> 3) > UINT32_MAX) return false;
    *field = static_cast<uint32_t>(tag >> 3);
    *wire = static_cast<uint32_t>(tag & 7);
    return true;
  }

  // The bytes of a length-delimited field.
  bool Bytes(std::string_view* out) {
    uint64_t n = 0;
    if (!Varint(&n) || n > static_cast<uint64_t>(end_ - p_)) return false;
    *out = std::string_view(p_, static_cast<size_t>(n));
    p_ += n;
    return true;
  }

  // Skips a field of this wire type (groups are not used by profile.proto).
  bool Skip(uint32_t wire) {
    uint64_t v = 0;
    std::string_view s;
    switch (wire) {
      case 0: return Varint(&v);
      case 1: return Advance(8);
      case 2: return Bytes(&s);
      case 5: return Advance(4);
      default: return false;
    }
  }

 private:
  bool Advance(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) return false;
    p_ += n;
    return true;
  }

  const char* p_;
  const char* end_;
};

// One top-level field of a message: its number and wire type, all its bytes
// (tag, length, payload) and, when length-delimited, its payload.
struct WireField {
  uint32_t number = 0, wire = 0;
  std::string_view bytes;
  std::string_view payload;
};

// Reads the field at the start of `data`: kWhole when it is all there,
// kCut when `data` ends inside it (*needed: the field's whole size when its
// length is known, else 0), kCorrupt when it is no field.
enum class FieldRead { kWhole, kCut, kCorrupt };
inline FieldRead ReadWireField(std::string_view data, WireField* field, size_t* needed) {
  *needed = 0;
  WireReader r(data);
  uint64_t tag = 0;
  if (!r.Varint(&tag)) return data.size() < 10 ? FieldRead::kCut : FieldRead::kCorrupt;
  if ((tag >> 3) == 0 || (tag >> 3) > UINT32_MAX) return FieldRead::kCorrupt;
  field->number = static_cast<uint32_t>(tag >> 3);
  field->wire = static_cast<uint32_t>(tag & 7);
  const size_t head = static_cast<size_t>(r.position() - data.data());
  uint64_t size = 0;  // of what follows the tag (and the length)
  size_t at = head;
  switch (field->wire) {
    case 0: {
      uint64_t v = 0;
      if (!r.Varint(&v)) return data.size() - head < 10 ? FieldRead::kCut : FieldRead::kCorrupt;
      *needed = static_cast<size_t>(r.position() - data.data());
      break;
    }
    case 1: size = 8; break;
    case 5: size = 4; break;
    case 2: {
      if (!r.Varint(&size)) return data.size() - head < 10 ? FieldRead::kCut : FieldRead::kCorrupt;
      at = static_cast<size_t>(r.position() - data.data());
      break;
    }
    default: return FieldRead::kCorrupt;
  }
  if (field->wire != 0) {
    if (size > (uint64_t{1} << 62)) return FieldRead::kCorrupt;
    *needed = at + static_cast<size_t>(size);
  }
  if (*needed > data.size()) return FieldRead::kCut;
  field->bytes = data.substr(0, *needed);
  field->payload = field->wire == 2 ? data.substr(at, static_cast<size_t>(size)) : std::string_view();
  return FieldRead::kWhole;
}

// A message that arrives in pieces (inflated as it is read), cut into its
// top-level fields: visit(const WireField&) gets each whole, in order, even
// one that a piece's end cut (put together in a buffer first). Feed returns
// false when the data is no message or visit returned false; Finish, when the
// data ended inside a field.
template <typename Visit>
class FieldSplitter {
 public:
  explicit FieldSplitter(Visit visit) : visit_(std::move(visit)) {}

  bool Feed(std::string_view piece) {
    WireField field;
    size_t needed = 0;
    size_t taken = 0;  // bytes of `piece` appended to the carry
    while (!carry_.empty()) {  // the field the last piece cut, completed from this one
      const FieldRead read = ReadWireField(carry_, &field, &needed);
      if (read == FieldRead::kCorrupt) return false;
      if (read == FieldRead::kWhole) {
        if (!visit_(field)) return false;
        // Bytes taken beyond the field (for a tag and length not known
        // yet) belong to the fields after it.
        piece = piece.substr(taken - (carry_.size() - field.bytes.size()));
        carry_.clear();
        break;
      }
      if (taken == piece.size()) return true;
      // Its length known: the rest of it; else a little more, for the tag and length.
      const size_t take = std::min(piece.size() - taken, needed > 0 ? needed - carry_.size() : size_t{20});
      carry_.append(piece.data() + taken, take);
      taken += take;
    }
    while (!piece.empty()) {
      const FieldRead read = ReadWireField(piece, &field, &needed);
      if (read == FieldRead::kCorrupt) return false;
      if (read == FieldRead::kCut) {
        carry_.assign(piece);
        return true;
      }
      if (!visit_(field)) return false;
      piece.remove_prefix(field.bytes.size());
    }
    return true;
  }

  bool Finish() const { return carry_.empty(); }

 private:
  Visit visit_;
  std::string carry_;
};

// Appends fields as protobuf's generated code serializes them (proto3: a
// scalar that is 0 is left out, repeated scalars are packed).
class WireWriter {
 public:
  explicit WireWriter(std::string& out) : out_(out) {}

  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>(v | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void Tag(uint32_t field, uint32_t wire) { Varint(uint64_t{field} << 3 | wire); }
  // A varint field, left out when 0.
  void Int(uint32_t field, uint64_t v) {
    if (v == 0) return;
    Tag(field, 0);
    Varint(v);
  }
  // A length-delimited field.
  void Bytes(uint32_t field, std::string_view bytes) {
    Tag(field, 2);
    Varint(bytes.size());
    out_ += bytes;
  }

 private:
  std::string& out_;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PPROF_PROTOBUF_WIRE_H_
