// Parsing a whole JSON document for the JSON profile readers (speedscope,
// Chrome trace), with errors that say where and what: "byte offset N:
// expected JSON (...)". Never throws.
#ifndef PROFLENS_FORMATS_JSON_DOCUMENT_H_
#define PROFLENS_FORMATS_JSON_DOCUMENT_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "analyzer/status.h"

namespace proflens {

Result<nlohmann::json> ParseJsonDocument(std::string_view text);

// Streams a document that is an array, or an object holding an array under
// `key`: calls `element` for each element of that array in turn, building
// only that element (memory follows one element, not the document). Other
// members are parsed and dropped. An error from `element` stops the parse.
// `*shape` says what was found: 0 a top-level array, 1 an object with the
// array, 2 an object without it (or with something else under `key`), 3
// anything else.
Status ForEachJsonElement(std::string_view text, std::string_view key,
                          const std::function<Status(const nlohmann::json&, size_t)>& element, int* shape);

// The member `key` of `object`, or null when it is missing or `object` is not an object.
inline const nlohmann::json* FindMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_DOCUMENT_H_
