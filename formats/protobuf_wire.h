// Protobuf's wire format by hand, for the one message that can be huge:
// profile.proto's samples. The pprof reader and writer handle everything
// else with the generated code and stream the samples through this, so a
// 2-million-sample profile never becomes 2 million message objects.
#ifndef PROFLENS_FORMATS_PROTOBUF_WIRE_H_
#define PROFLENS_FORMATS_PROTOBUF_WIRE_H_

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

#endif  // PROFLENS_FORMATS_PROTOBUF_WIRE_H_
