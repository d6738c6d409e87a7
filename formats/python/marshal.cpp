#include "formats/python/marshal.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace proflens {

namespace {

constexpr int kMaxMarshalDepth = 200;

class MarshalDecoder {
 public:
  explicit MarshalDecoder(std::string_view bytes) : bytes_(bytes) {}

  Result<MarshalDocument> Run() {
    // Every value takes at least 2 bytes of input, most take 5 or more.
    doc_.values.reserve(bytes_.size() / 6 + 16);
    doc_.items.reserve(bytes_.size() / 6 + 16);
    MarshalId root = 0;
    PROFLENS_RETURN_IF_ERROR(Value(0, &root));
    if (pos_ != bytes_.size()) return Error(pos_, "the end of the data after the first object");
    doc_.root = root;
    doc_.input = bytes_;
    return std::move(doc_);
  }

 private:
  Status Error(uint64_t at, std::string_view expected) const {
    return Status::Input("byte offset " + std::to_string(at) + ": expected " + std::string(expected));
  }

  bool Need(size_t n) const { return bytes_.size() - pos_ >= n; }

  Status Byte(uint8_t* out) {
    if (!Need(1)) return Error(pos_, "one more byte (the data ends inside an object)");
    *out = static_cast<uint8_t>(bytes_[pos_++]);
    return Status::Ok();
  }

  Status Int32(int32_t* out) {
    if (!Need(4)) return Error(pos_, "a 4-byte integer (the data ends inside an object)");
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
    pos_ += 4;
    std::memcpy(out, &v, 4);
    return Status::Ok();
  }

  // A count of elements that are each at least `min_bytes` long: never more than the input holds.
  Status Count(bool short_count, size_t min_bytes, uint32_t* out) {
    size_t at = pos_;
    if (short_count) {
      uint8_t n = 0;
      PROFLENS_RETURN_IF_ERROR(Byte(&n));
      *out = n;
    } else {
      int32_t n = 0;
      PROFLENS_RETURN_IF_ERROR(Int32(&n));
      if (n < 0) return Error(at, "a non-negative size");
      *out = static_cast<uint32_t>(n);
    }
    if (*out > (bytes_.size() - pos_) / min_bytes) return Error(at, "a size the rest of the data can hold");
    return Status::Ok();
  }

  MarshalId Add(MarshalValue v) {
    doc_.values.push_back(v);
    return static_cast<MarshalId>(doc_.values.size() - 1);
  }

  Status Value(int depth, MarshalId* out) {
    const size_t at = pos_;
    if (depth > kMaxMarshalDepth) return Error(at, "objects nested at most " + std::to_string(kMaxMarshalDepth) + " deep");
    uint8_t code = 0;
    PROFLENS_RETURN_IF_ERROR(Byte(&code));
    const bool ref = code & kMarshalFlagRef;
    code &= ~kMarshalFlagRef;
    MarshalValue v;
    v.offset = at;
    // The reference slot is taken before the children, as marshal numbers them.
    size_t ref_slot = SIZE_MAX;
    if (ref) {
      ref_slot = refs_.size();
      refs_.push_back(UINT32_MAX);
    }
    switch (code) {
      case 'N': v.type = MarshalType::kNone; break;
      case 'T': case 'F':
        v.type = MarshalType::kBool;
        v.integer = code == 'T';
        break;
      case 'i': {
        int32_t n = 0;
        PROFLENS_RETURN_IF_ERROR(Int32(&n));
        v.type = MarshalType::kInt;
        v.integer = n;
        break;
      }
      case 'l': PROFLENS_RETURN_IF_ERROR(Long(at, &v)); break;
      case 'g': {
        if (!Need(8)) return Error(pos_, "an 8-byte float (the data ends inside an object)");
        uint64_t bits = 0;
        for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>(bytes_[pos_ + i]);
        pos_ += 8;
        v.type = MarshalType::kFloat;
        std::memcpy(&v.number, &bits, 8);
        break;
      }
      case 'f': {
        uint32_t n = 0;
        PROFLENS_RETURN_IF_ERROR(Count(true, 1, &n));
        std::string text(bytes_.substr(pos_, n));
        char* end = nullptr;
        v.number = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) return Error(pos_, "a float written as text");
        pos_ += n;
        v.type = MarshalType::kFloat;
        break;
      }
      case 'z': case 'Z': case 'a': case 'A': case 'u': case 't': case 's': {
        uint32_t n = 0;
        PROFLENS_RETURN_IF_ERROR(Count(code == 'z' || code == 'Z', 1, &n));
        v.type = code == 's' ? MarshalType::kBytes : MarshalType::kString;
        v.offset = pos_;
        v.size = n;
        pos_ += n;
        break;
      }
      case 'r': {
        int32_t n = 0;
        PROFLENS_RETURN_IF_ERROR(Int32(&n));
        if (n < 0 || static_cast<size_t>(n) >= refs_.size() || refs_[n] == UINT32_MAX) {
          return Error(at, "a reference to an object decoded before it (reference " + std::to_string(n) + ")");
        }
        *out = refs_[n];
        return Status::Ok();
      }
      case ')': case '(': case '[': case '<': case '>':
        v.type = code == '[' ? MarshalType::kList : (code == '<' || code == '>') ? MarshalType::kSet : MarshalType::kTuple;
        return Container(depth, code == ')', v, ref_slot, out);
      case '{':
        v.type = MarshalType::kDict;
        return Container(depth, false, v, ref_slot, out);
      default: {
        std::string shown = code >= 0x20 && code < 0x7f ? std::string(1, static_cast<char>(code)) : "";
        return Error(at, "a marshal type code of data (None, bool, int, float, str, bytes, tuple, list, set or "
                         "dict), not " + (shown.empty() ? "byte " + std::to_string(code) : "'" + shown + "'"));
      }
    }
    *out = Add(v);
    if (ref) refs_[ref_slot] = *out;
    return Status::Ok();
  }

  // Python's long: a signed count of 15-bit digits, least significant first.
  Status Long(size_t at, MarshalValue* v) {
    int32_t n = 0;
    PROFLENS_RETURN_IF_ERROR(Int32(&n));
    uint32_t digits = n < 0 ? 0u - static_cast<uint32_t>(n) : static_cast<uint32_t>(n);
    if (digits > (bytes_.size() - pos_) / 2) return Error(at, "a long integer the rest of the data can hold");
    uint64_t magnitude = 0;
    for (uint32_t i = 0; i < digits; ++i) {
      uint16_t d = static_cast<uint8_t>(bytes_[pos_]) | static_cast<uint16_t>(static_cast<uint8_t>(bytes_[pos_ + 1]) << 8);
      pos_ += 2;
      if (d >= (1u << 15)) return Error(pos_ - 2, "a long integer digit below 32768");
      if (d == 0) continue;  // (a shift by 75 bits is undefined even of a zero)
      if (i >= 5 || (i == 4 && d >= 16)) return Error(at, "an integer that fits in 64 bits");
      magnitude |= static_cast<uint64_t>(d) << (15 * i);
    }
    if (magnitude > static_cast<uint64_t>(INT64_MAX)) return Error(at, "an integer that fits in 64 bits");
    v->type = MarshalType::kInt;
    v->integer = n < 0 ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
    return Status::Ok();
  }

  Status Container(int depth, bool short_count, MarshalValue v, size_t ref_slot, MarshalId* out) {
    // The container's id comes first so that references to it resolve inside it.
    MarshalId id = Add(v);
    if (ref_slot != SIZE_MAX) refs_[ref_slot] = id;
    const size_t mark = pending_.size();
    if (v.type == MarshalType::kDict) {
      uint32_t pairs = 0;
      while (true) {
        if (!Need(1)) return Error(pos_, "a dict key or '0' (the end of the dict)");
        if (bytes_[pos_] == '0') {
          ++pos_;
          break;
        }
        MarshalId key = 0, value = 0;
        PROFLENS_RETURN_IF_ERROR(Value(depth + 1, &key));
        if (!Need(1) || bytes_[pos_] == '0') return Error(pos_, "the value of a dict key");
        PROFLENS_RETURN_IF_ERROR(Value(depth + 1, &value));
        pending_.push_back(key);
        pending_.push_back(value);
        ++pairs;
      }
      v.size = pairs;
    } else {
      uint32_t n = 0;
      PROFLENS_RETURN_IF_ERROR(Count(short_count, 1, &n));
      for (uint32_t i = 0; i < n; ++i) {
        MarshalId item = 0;
        PROFLENS_RETURN_IF_ERROR(Value(depth + 1, &item));
        pending_.push_back(item);
      }
      v.size = n;
    }
    v.first = static_cast<uint32_t>(doc_.items.size());
    doc_.items.insert(doc_.items.end(), pending_.begin() + mark, pending_.end());
    pending_.resize(mark);
    doc_.values[id].first = v.first;
    doc_.values[id].size = v.size;
    *out = id;
    return Status::Ok();
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  MarshalDocument doc_;
  std::vector<MarshalId> refs_;
  std::vector<MarshalId> pending_;  // children of the containers being decoded
};

}  // namespace

std::string_view MarshalTypeName(MarshalType type) {
  switch (type) {
    case MarshalType::kNone: return "None";
    case MarshalType::kBool: return "bool";
    case MarshalType::kInt: return "int";
    case MarshalType::kFloat: return "float";
    case MarshalType::kString: return "str";
    case MarshalType::kBytes: return "bytes";
    case MarshalType::kTuple: return "tuple";
    case MarshalType::kList: return "list";
    case MarshalType::kSet: return "set";
    case MarshalType::kDict: return "dict";
  }
  return "?";
}

Result<MarshalDocument> DecodeMarshal(std::string_view bytes) { return MarshalDecoder(bytes).Run(); }

}  // namespace proflens
