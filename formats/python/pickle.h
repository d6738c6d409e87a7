// A restricted pickle decoder (protocols 2 to 5) for tracemalloc snapshots:
// it builds only plain values (None, booleans, ints, strings, tuples, lists,
// dicts) and objects of the classes it is given, whose state BUILD sets. Any
// other global, REDUCE, or an opcode outside that set is refused with its
// byte offset: nothing in the file is ever run. Nesting, memo and sizes are
// bounded by the input.
#ifndef PROFLENS_FORMATS_PYTHON_PICKLE_H_
#define PROFLENS_FORMATS_PYTHON_PICKLE_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

struct PickleValue {
  enum class Kind { kNone, kBool, kInt, kString, kTuple, kList, kDict, kObject };
  Kind kind = Kind::kNone;
  int64_t integer = 0;           // kInt, kBool
  std::string_view text;         // kString (a view into the input, UTF-8); kObject: "module.Class"
  std::vector<uint32_t> items;   // kTuple, kList: values; kDict: key, value, key, value...
  uint32_t state = UINT32_MAX;   // kObject: the value BUILD gave it (a dict), or none
};

struct PickleDocument {
  std::vector<PickleValue> values;  // by id
  std::deque<std::string> names;    // the class names objects' text points into
  uint32_t root = 0;
  const PickleValue& operator[](uint32_t id) const { return values[id]; }
  // A dict's value for a string key, or UINT32_MAX.
  uint32_t Member(uint32_t dict, std::string_view key) const;
};

// Decodes `bytes`; `classes` are the "module.Class" names NEWOBJ may make.
Result<PickleDocument> DecodePickle(std::string_view bytes, const std::vector<std::string>& classes);

// True when `bytes` start as a pickle of protocol 2 or later does.
bool LooksLikePickle(std::string_view bytes);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_PICKLE_H_
