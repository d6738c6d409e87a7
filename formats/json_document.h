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

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_DOCUMENT_H_
