// Parsing JSON for the JSON profile readers (speedscope, Chrome trace): a
// whole document, or the elements of its array streamed to a SAX handler,
// with errors that say where and what: "byte offset N: expected JSON (...)".
// Never throws.
#ifndef PROFLENS_FORMATS_JSON_JSON_DOCUMENT_H_
#define PROFLENS_FORMATS_JSON_JSON_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

Result<nlohmann::json> ParseJsonDocument(std::string_view text);

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

// The SAX events of a document that is an array, or an object holding an
// array under `key`, handed on for each element of that array in turn: the
// element's own events go to `element` (nlohmann's SAX methods), and
// element.Finish(index) is called once the element is complete; an error from
// Finish stops the parse. Nothing else is kept, so memory follows what
// `element` keeps of one element, not the document.
template <typename Element>
class ArrayElementSax {
 public:
  using Json = nlohmann::json;
  ArrayElementSax(std::string_view key, Element& element) : key_(key), element_(element) {}

  bool null() { return Scalar([&] { return element_.null(); }); }
  bool boolean(bool v) { return Scalar([&] { return element_.boolean(v); }); }
  bool number_integer(Json::number_integer_t v) { return Scalar([&] { return element_.number_integer(v); }); }
  bool number_unsigned(Json::number_unsigned_t v) { return Scalar([&] { return element_.number_unsigned(v); }); }
  bool number_float(Json::number_float_t v, const std::string& s) { return Scalar([&] { return element_.number_float(v, s); }); }
  bool string(std::string& v) { return Scalar([&] { return element_.string(v); }); }
  bool binary(Json::binary_t& v) { return Scalar([&] { return element_.binary(v); }); }
  bool start_object(std::size_t n) { return Open(true, [&] { return element_.start_object(n); }); }
  bool start_array(std::size_t n) { return Open(false, [&] { return element_.start_array(n); }); }
  bool end_object() { return Close([&] { return element_.end_object(); }); }
  bool end_array() { return Close([&] { return element_.end_array(); }); }
  bool key(std::string& k) {
    if (element_depth_ > 0) return element_.key(k);
    if (depth_ == 1 && shape_ != 0) next_is_target_ = k == key_;
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e) {
    status_ = JsonParseError(byte, e.what());
    return false;
  }

  const Status& status() const { return status_; }
  // 0 a top-level array, 1 an object with the array, 2 an object without it
  // (or with something else under `key`), 3 anything else.
  int shape() const { return shape_; }

 private:
  bool InTarget() const { return target_depth_ != 0 && depth_ == target_depth_; }
  template <typename Forward>
  bool Scalar(Forward&& forward) {
    if (element_depth_ > 0) return forward();
    if (InTarget()) return forward() && Finish();
    if (depth_ == 0) shape_ = 3;
    next_is_target_ = false;
    return true;
  }
  template <typename Forward>
  bool Open(bool object, Forward&& forward) {
    if (element_depth_ > 0 || InTarget()) {
      ++element_depth_;
      return forward();
    }
    ++depth_;
    if (depth_ == 1) {
      shape_ = object ? 2 : 0;
      if (shape_ == 0) target_depth_ = 1;
    } else if (depth_ == 2 && next_is_target_) {
      if (!object) {
        shape_ = 1;
        target_depth_ = 2;
      }
      next_is_target_ = false;
    }
    return true;
  }
  template <typename Forward>
  bool Close(Forward&& forward) {
    if (element_depth_ > 0) return forward() && (--element_depth_ > 0 || Finish());
    if (InTarget()) target_depth_ = 0;
    --depth_;
    return true;
  }
  bool Finish() {
    status_ = element_.Finish(index_++);
    return status_.ok();
  }

  std::string_view key_;
  Element& element_;
  int depth_ = 0, target_depth_ = 0, shape_ = 3;
  int element_depth_ = 0;  // containers open within the current element
  bool next_is_target_ = false;
  size_t index_ = 0;
  Status status_;
};

// Runs `element` over the elements of the array (see ArrayElementSax);
// `*shape` says what the document was.
template <typename Element>
Status ForEachJsonElement(std::string_view text, std::string_view key, Element& element, int* shape) {
  ArrayElementSax<Element> sax(key, element);
  try {
    nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
  } catch (const nlohmann::json::exception& e) {  // a number beyond double's range, ...
    return JsonNumberError(e.what());
  }
  *shape = sax.shape();
  return sax.status();
}

// The member `key` of `object`, or null when it is missing or `object` is not an object.
inline const nlohmann::json* FindMember(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_JSON_DOCUMENT_H_
