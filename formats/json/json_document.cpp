#include "formats/json/json_document.h"

#include <string>

namespace proflens {

namespace {

// nlohmann's messages start "[json.exception...] parse error at line 1, column 5: "; keep the reason.
std::string Reason(const std::string& what) {
  size_t colon = what.rfind(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

using Json = nlohmann::json;

}  // namespace

void JsonTreeBuilder::Open(Json&& container) {
  if (open_.empty()) {
    root_ = std::move(container);
    open_.push_back(&root_);
  } else {
    open_.push_back(Add(std::move(container)));
  }
}

Json* JsonTreeBuilder::Add(Json&& value) {
  Json* top = open_.back();
  if (top->is_array()) {
    top->push_back(std::move(value));
    return &top->back();
  }
  Json& slot = (*top)[key_];
  slot = std::move(value);
  return &slot;
}

Status JsonNumberError(const std::string& what) {
  return Status::Input("expected JSON whose numbers fit in a double (" + Reason(what) + ")");
}

Status JsonParseError(std::size_t byte, const std::string& what) {
  return Status::Input("byte offset " + std::to_string(byte) + ": expected JSON (" + Reason(what) + ")");
}

Result<nlohmann::json> ParseJsonDocument(std::string_view text) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return JsonParseError(e.byte, e.what());
  } catch (const nlohmann::json::exception& e) {  // a number beyond double's range, ...
    return JsonNumberError(e.what());
  }
}

}  // namespace proflens
