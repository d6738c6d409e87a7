// A decoder for Python's marshal format (version 2 and later), for the
// object types data files use: None, booleans, ints (32-bit and long),
// floats (binary and text), strings and bytes in all their forms (short,
// ascii, interned, unicode), tuples, lists, sets, dicts and references.
// Code objects and complex numbers are refused.
//
// Values live in one flat arena: no allocation per object. A reference
// ('r') resolves to the id of the value it refers to. Strings are views into
// the input, which must outlive the MarshalDocument; errors on strings name
// the offset of their text.
#ifndef PROFLENS_FORMATS_PYTHON_MARSHAL_H_
#define PROFLENS_FORMATS_PYTHON_MARSHAL_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

enum class MarshalType : uint8_t { kNone, kBool, kInt, kFloat, kString, kBytes, kTuple, kList, kSet, kDict };

using MarshalId = uint32_t;

// The bit of a type code that asks for the object to be remembered for references.
inline constexpr uint8_t kMarshalFlagRef = 0x80;

// 24 bytes a value: files hold millions of them.
struct MarshalValue {
  MarshalType type = MarshalType::kNone;
  uint32_t size = 0;     // containers: items (dicts: pairs); strings: bytes
  uint64_t offset = 0;   // byte offset in the input: of the value (errors), or of a string's text
  union {
    int64_t integer = 0;  // kInt, kBool
    double number;        // kFloat
    uint32_t first;       // containers: index into MarshalDocument::items
  };
};

struct MarshalDocument {
  std::string_view input;        // what was decoded; strings are views into it
  std::vector<MarshalValue> values;
  std::vector<MarshalId> items;  // container children; a dict's are key, value, key, value...
  MarshalId root = 0;

  const MarshalValue& operator[](MarshalId id) const { return values[id]; }
  // A string's or bytes' text.
  std::string_view Text(const MarshalValue& v) const { return input.substr(v.offset, v.size); }
  // A tuple's, list's or set's items; a dict's keys and values interleaved.
  std::span<const MarshalId> ItemsOf(const MarshalValue& v) const {
    size_t n = v.type == MarshalType::kDict ? size_t{v.size} * 2 : v.size;
    return {items.data() + v.first, n};
  }
};

std::string_view MarshalTypeName(MarshalType type);

// Decodes the one object `bytes` holds; bytes after it are an error.
// Errors name the byte offset and what was expected there.
Result<MarshalDocument> DecodeMarshal(std::string_view bytes);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_MARSHAL_H_
