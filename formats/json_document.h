// Parsing a whole JSON document for the JSON profile readers (speedscope,
// Chrome trace), with errors that say where and what: "byte offset N:
// expected JSON (...)". Never throws.
#ifndef PROFLENS_FORMATS_JSON_DOCUMENT_H_
#define PROFLENS_FORMATS_JSON_DOCUMENT_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

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

// Builds a JSON value from SAX events (a container at a time): what
// nlohmann's own DOM parser does, for SAX handlers that keep some parts.
class JsonTreeBuilder {
 public:
  bool building() const { return !open_.empty(); }
  // Starts a new root (a container), or adds to the open container.
  void Open(nlohmann::json&& container);
  // Adds a scalar to the open container.
  void Value(nlohmann::json&& value) { Add(std::move(value)); }
  void Key(std::string&& key) { key_ = std::move(key); }
  // Closes the innermost container; true when that was the root.
  bool Close() {
    open_.pop_back();
    return open_.empty();
  }
  nlohmann::json& root() { return root_; }

 private:
  nlohmann::json* Add(nlohmann::json&& value);

  nlohmann::json root_;
  std::vector<nlohmann::json*> open_;
  std::string key_;
};

// nlohmann's parse error, as the readers say it: "byte offset N: expected JSON (reason)".
Status JsonParseError(std::size_t byte, const std::string& what);
// Any other nlohmann error while parsing (a number beyond double's range, ...).
Status JsonNumberError(const std::string& what);

// The member `key` of `object`, or null when it is missing or `object` is not an object.
inline const nlohmann::json* FindMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_DOCUMENT_H_
