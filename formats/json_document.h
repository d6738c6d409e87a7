// Parsing a whole JSON document for the JSON profile readers (speedscope,
// Chrome trace), with errors that say where and what: "byte offset N:
// expected JSON (...)". Never throws.
#ifndef PROFLENS_FORMATS_JSON_DOCUMENT_H_
#define PROFLENS_FORMATS_JSON_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "analyzer/status.h"

namespace proflens {

Result<nlohmann::json> ParseJsonDocument(std::string_view text);

// The member `key` of `object`, or null when it is missing or `object` is not an object.
inline const nlohmann::json* FindMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_DOCUMENT_H_
