#include "formats/json/speedscope_document.h"

#include <string>

#include "formats/json/json_document.h"

namespace proflens {

namespace {

using Json = nlohmann::json;

enum class Big { kNone, kEvents, kSamples, kWeights };

// SAX events: the document as JSON, except each profile's events, samples
// and weights arrays, which go to SpeedscopeArrays as they are read.
class SpeedscopeSax {
 public:
  explicit SpeedscopeSax(SpeedscopeDocument* out) : out_(out) {}

  bool null() { return Scalar(Json(nullptr)); }
  bool boolean(bool v) { return Scalar(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return Scalar(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return Scalar(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return Scalar(Json(v)); }
  bool string(std::string& v) {
    if (big_ == Big::kNone) return Scalar(Json(std::move(v)));
    // Strings in the big arrays matter only as an event's type.
    if (big_ == Big::kEvents && level_ == 1 && key_ == "type") {
      Arrays().events.back().type = v == "O" ? 'O' : v == "C" ? 'C' : 0;
      return true;
    }
    return Scalar(Json(true));
  }
  bool binary(Json::binary_t&) { return Scalar(Json(true)); }
  bool start_object(std::size_t) { return Open(true); }
  bool start_array(std::size_t) { return Open(false); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(std::string& k) {
    if (big_ != Big::kNone) {
      if (level_ == 1) key_ = std::move(k);
      return true;
    }
    if (depth_ == 1) root_key_ = k;
    if (depth_ == 3) profile_key_ = k;
    tree_.Key(std::move(k));
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e) {
    status_ = JsonParseError(byte, e.what());
    return false;
  }

  const Status& status() const { return status_; }
  Json& root() { return tree_.root(); }

 private:
  SpeedscopeArrays& Arrays() { return out_->profiles[profile_]; }

  // A new element of the profiles array starts.
  void NextProfile(bool is_object) {
    profile_ = out_->profiles.size();
    out_->profiles.emplace_back();
    profile_is_object_ = is_object;
  }

  bool Scalar(Json&& v) {
    if (big_ != Big::kNone) {
      BigScalar(std::move(v));
      return true;
    }
    if (in_profiles_ && depth_ == 2) NextProfile(false);
    if (tree_.building()) {
      tree_.Value(std::move(v));
    } else {
      tree_.root() = std::move(v);
    }
    return true;
  }

  bool Open(bool is_object) {
    if (big_ != Big::kNone) {
      BigOpen(is_object);
      return true;
    }
    if (!is_object && in_profiles_ && depth_ == 3 && profile_is_object_) {
      const Big kind = profile_key_ == "events"    ? Big::kEvents
                       : profile_key_ == "samples" ? Big::kSamples
                       : profile_key_ == "weights" ? Big::kWeights
                                                   : Big::kNone;
      if (kind != Big::kNone) {
        tree_.Value(Json::array());  // in the document, an empty array stands for it
        SpeedscopeArrays& a = Arrays();
        if (kind == Big::kEvents) {
          a.has_events = true;
          a.events.clear();
        }
        if (kind == Big::kSamples) {
          a.has_samples = true;
          a.sample_frames.clear();
          a.sample_starts.clear();
          a.is_stack.clear();
        }
        if (kind == Big::kWeights) {
          a.has_weights = true;
          a.weights.clear();
        }
        big_ = kind;
        level_ = 0;
        return true;
      }
    }
    tree_.Open(is_object ? Json::object() : Json::array());
    ++depth_;
    if (depth_ == 2 && !is_object && root_key_ == "profiles") {
      in_profiles_ = true;
      out_->profiles.clear();  // a repeated "profiles" member replaces the first, as in the document
    }
    if (depth_ == 3 && in_profiles_) NextProfile(is_object);
    return true;
  }

  bool Close() {
    if (big_ != Big::kNone) {
      if (level_ == 0) {
        big_ = Big::kNone;
      } else {
        --level_;
      }
      return true;
    }
    if (depth_ == 2 && in_profiles_) in_profiles_ = false;
    tree_.Close();
    --depth_;
    return true;
  }

  // Containers inside a big array: an element, or something nested in one.
  void BigOpen(bool is_object) {
    SpeedscopeArrays& a = Arrays();
    if (level_ == 0) {
      if (big_ == Big::kEvents) {
        a.events.emplace_back();  // not an object: no type, so an error when read
        skip_ = !is_object;
      } else if (big_ == Big::kSamples) {
        a.sample_starts.push_back(a.sample_frames.size());
        a.is_stack.push_back(!is_object);
        skip_ = is_object;
      } else {
        a.weights.push_back(Json(true));
        skip_ = true;
      }
    } else if (level_ == 1 && !skip_) {
      BigScalar(Json(true));  // a container where a scalar belongs
    }
    ++level_;
  }

  void BigScalar(Json&& v) {
    SpeedscopeArrays& a = Arrays();
    if (level_ == 0) {
      if (big_ == Big::kEvents) a.events.emplace_back();
      if (big_ == Big::kSamples) {
        a.sample_starts.push_back(a.sample_frames.size());
        a.is_stack.push_back(false);
      }
      if (big_ == Big::kWeights) a.weights.push_back(std::move(v));
      return;
    }
    if (level_ != 1 || skip_) return;
    if (big_ == Big::kSamples) {
      a.sample_frames.push_back(std::move(v));
    } else if (big_ == Big::kEvents) {
      SpeedscopeEvent& e = a.events.back();
      if (key_ == "type") e.type = 0;
      if (key_ == "frame") e.frame = std::move(v);
      if (key_ == "at") e.at = std::move(v);
    }
  }

  SpeedscopeDocument* out_;
  JsonTreeBuilder tree_;
  Status status_;
  int depth_ = 0;  // containers open in the document
  std::string root_key_, profile_key_;
  bool in_profiles_ = false, profile_is_object_ = false;
  size_t profile_ = 0;
  Big big_ = Big::kNone;
  int level_ = 0;     // containers open inside the big array
  bool skip_ = false;  // the element is of the wrong kind: its contents are dropped
  std::string key_;    // the member being read in an event
};

}  // namespace

Result<SpeedscopeDocument> ParseSpeedscopeDocument(std::string_view text) {
  SpeedscopeDocument out;
  SpeedscopeSax sax(&out);
  try {
    Json::sax_parse(text.begin(), text.end(), &sax);
  } catch (const Json::exception& e) {
    return JsonNumberError(e.what());
  }
  if (!sax.status().ok()) return sax.status();
  out.doc = std::move(sax.root());
  return out;
}

}  // namespace proflens
