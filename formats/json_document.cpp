#include "formats/json_document.h"

#include <string>

namespace proflens {

namespace {

// nlohmann's messages start "[json.exception...] parse error at line 1, column 5: "; keep the reason.
std::string Reason(const std::string& what) {
  size_t colon = what.rfind(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

Result<nlohmann::json> ParseJsonDocument(std::string_view text) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return Status::Input("byte offset " + std::to_string(e.byte) + ": expected JSON (" + Reason(e.what()) + ")");
  } catch (const nlohmann::json::exception& e) {  // a number beyond double's range, ...
    return Status::Input("expected JSON whose numbers fit in a double (" + Reason(e.what()) + ")");
  }
}

}  // namespace proflens
