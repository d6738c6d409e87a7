#include "formats/json_document.h"

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

namespace {

// nlohmann SAX events, building one element of the target array at a time.
class ElementSax {
 public:
  ElementSax(std::string_view key, const std::function<Status(const Json&, size_t)>& element)
      : key_(key), element_(element) {}

  bool null() { return Value(Json(nullptr)); }
  bool boolean(bool v) { return Value(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return Value(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return Value(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return Value(Json(v)); }
  bool string(std::string& v) { return Value(Json(std::move(v))); }
  bool binary(Json::binary_t& v) { return Value(Json(Json::binary_t(std::move(v)))); }
  bool start_object(std::size_t) { return Open(Json::object()); }
  bool start_array(std::size_t) { return Open(Json::array()); }
  bool end_object() { return End(); }
  bool end_array() { return End(); }
  bool key(std::string& k) {
    if (tree_.building()) {
      tree_.Key(std::move(k));
    } else if (depth_ == 1 && shape_ != 0) {
      next_is_target_ = k == key_;
    }
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e) {
    status_ = JsonParseError(byte, e.what());
    return false;
  }

  const Status& status() const { return status_; }
  int shape() const { return shape_; }

 private:
  bool InTarget() const { return target_depth_ != 0 && depth_ == target_depth_; }
  bool Value(Json&& v) {
    if (tree_.building()) {
      tree_.Value(std::move(v));
      return true;
    }
    if (InTarget()) {
      tree_.root() = std::move(v);
      return Emit();
    }
    if (depth_ == 0) shape_ = 3;
    next_is_target_ = false;
    return true;
  }
  bool Open(Json&& container) {
    if (tree_.building() || InTarget()) {
      tree_.Open(std::move(container));
      return true;
    }
    ++depth_;
    if (depth_ == 1) {
      shape_ = container.is_array() ? 0 : 2;
      if (shape_ == 0) target_depth_ = 1;
    } else if (depth_ == 2 && next_is_target_) {
      if (container.is_array()) {
        shape_ = 1;
        target_depth_ = 2;
      }
      next_is_target_ = false;
    }
    return true;
  }
  bool End() {
    if (tree_.building()) return tree_.Close() ? Emit() : true;
    if (InTarget()) target_depth_ = 0;
    --depth_;
    return true;
  }
  bool Emit() {
    status_ = element_(tree_.root(), index_++);
    tree_.root() = Json();
    return status_.ok();
  }

  std::string_view key_;
  const std::function<Status(const Json&, size_t)>& element_;
  int depth_ = 0, target_depth_ = 0, shape_ = 3;
  bool next_is_target_ = false;
  JsonTreeBuilder tree_;
  size_t index_ = 0;
  Status status_;
};

}  // namespace

Status ForEachJsonElement(std::string_view text, std::string_view key,
                          const std::function<Status(const Json&, size_t)>& element, int* shape) {
  ElementSax sax(key, element);
  try {
    Json::sax_parse(text.begin(), text.end(), &sax);
  } catch (const Json::exception& e) {  // a number beyond double's range, ...
    return JsonNumberError(e.what());
  }
  *shape = sax.shape();
  return sax.status();
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
