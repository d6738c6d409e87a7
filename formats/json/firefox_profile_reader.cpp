#include "formats/json/firefox_profile_reader.h"

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/profile_builder.h"
#include "formats/json/json_document.h"

namespace proflens {

namespace {

using Json = nlohmann::json;

Status Expected(const std::string& where, std::string_view what) {
  return Status::Input(where + ": expected " + std::string(what));
}

std::string At(const std::string& where, size_t i) { return where + "[" + std::to_string(i) + "]"; }

bool AsIndex(const Json* v, size_t* out) {
  if (v == nullptr) return false;
  if (v->is_number_unsigned() || (v->is_number_integer() && v->get<int64_t>() >= 0)) {
    *out = v->get<size_t>();
    return true;
  }
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (d >= 0 && d < 9.0e15 && d == std::floor(d)) {
      *out = static_cast<size_t>(d);
      return true;
    }
  }
  return false;
}

bool AsFinite(const Json* v, double* out) {
  if (v == nullptr || !v->is_number()) return false;
  *out = v->get<double>();
  return std::isfinite(*out) && std::fabs(*out) < 1e15;
}

// A column of a table, found once: its position in a "schema" row, or its array.
struct Column {
  int index = -1;
  const Json* array = nullptr;
  bool present() const { return index >= 0 || array != nullptr; }
};

// A Gecko table in either form: {"schema": {"col": 0, ...}, "data": [[...], ...]}
// (raw profiles) or {"col": [...], ..., "length": n} (processed profiles).
class Table {
 public:
  Status Bind(const Json* t, const std::string& where) {
    where_ = where;
    if (t == nullptr || !t->is_object()) return Expected(where, "a table object");
    table_ = t;
    const Json* schema = FindMember(*t, "schema");
    if (schema != nullptr) {
      data_ = FindMember(*t, "data");
      if (!schema->is_object() || data_ == nullptr || !data_->is_array()) return Expected(where, "a \"schema\" object and a \"data\" array");
      schema_ = schema;
      size_ = data_->size();
      return Status::Ok();
    }
    size_t length = 0;
    const Json* length_member = FindMember(*t, "length");
    if (length_member != nullptr) {
      if (!AsIndex(length_member, &length)) return Expected(where + ".length", "a row count");
      size_ = length;
    } else {
      for (const auto& [key, value] : t->items()) {  // no length: the longest column
        if (value.is_array()) size_ = std::max(size_, value.size());
      }
    }
    return Status::Ok();
  }
  bool bound() const { return table_ != nullptr; }
  size_t size() const { return size_; }
  const std::string& where() const { return where_; }

  Column Col(const char* name) const {
    Column c;
    if (table_ == nullptr) return c;
    if (schema_ != nullptr) {
      size_t index = 0;
      if (AsIndex(FindMember(*schema_, name), &index) && index < 1024) c.index = static_cast<int>(index);
      return c;
    }
    const Json* array = FindMember(*table_, name);
    if (array != nullptr && array->is_array()) c.array = array;
    return c;
  }

  // The cell, or null when the row or column is missing (or the cell is null).
  const Json* At(size_t row, const Column& c) const {
    const Json* cell = nullptr;
    if (data_ != nullptr) {
      if (row >= data_->size() || c.index < 0) return nullptr;
      const Json& r = (*data_)[row];
      if (!r.is_array() || static_cast<size_t>(c.index) >= r.size()) return nullptr;
      cell = &r[static_cast<size_t>(c.index)];
    } else {
      if (c.array == nullptr || row >= c.array->size()) return nullptr;
      cell = &(*c.array)[row];
    }
    return cell->is_null() ? nullptr : cell;
  }

 private:
  std::string where_;
  const Json* table_ = nullptr;
  const Json* schema_ = nullptr;
  const Json* data_ = nullptr;
  size_t size_ = 0;
};

// "name (url:line:col)" or "url:line:col", each with an optional "[source]"
// after it, as the Firefox Profiler reads a JS location; false for anything else.
bool ParseJsLocation(std::string_view s, std::string* function, std::string_view* url, int64_t* line) {
  if (s.ends_with(']')) {
    const size_t open = s.rfind('[');
    const std::string_view digits = open == std::string_view::npos ? "" : s.substr(open + 1, s.size() - open - 2);
    if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) s = s.substr(0, open);
  }
  // `inside` is "url:line" or "url:line:col" with a url of at least one character.
  auto split = [&](std::string_view inside) {
    auto trailing_number = [](std::string_view text, size_t* colon) {
      const size_t c = text.rfind(':');
      if (c == std::string_view::npos) return false;
      const std::string_view digits = text.substr(c + 1);
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos) return false;
      *colon = c;
      return true;
    };
    size_t last = 0, before = 0;
    if (!trailing_number(inside, &last)) return false;
    size_t line_colon = last;
    // The shortest url: take a column too when there is one.
    if (trailing_number(inside.substr(0, last), &before) && before > 0) line_colon = before;
    if (line_colon == 0) return false;
    *url = inside.substr(0, line_colon);
    const size_t end = line_colon == last ? inside.size() : last;
    *line = std::stoll(std::string(inside.substr(line_colon + 1, end - line_colon - 1)));
    return true;
  };
  if (s.ends_with(')')) {
    for (size_t open = s.rfind(" ("); open != std::string_view::npos;
         open = open == 0 ? std::string_view::npos : s.rfind(" (", open - 1)) {
      if (split(s.substr(open + 2, s.size() - open - 3))) {
        *function = std::string(s.substr(0, open));
        return true;
      }
    }
  }
  function->clear();
  return split(s);
}

// Tables that frames and stacks are read from: one thread's, or the
// profile's shared ones; each frame and stack is made into a location and a
// stack once.
struct Tables {
  bool raw = false;  // schema tables, frames named by their location string
  const Json* strings = nullptr;
  Table stacks, frames, funcs, resources, sources;
  Column prefix, prefix_offset, stack_frame;
  Column location, frame_func, frame_line;
  Column func_name, func_file, func_source, func_line, func_resource, resource_name, source_file;
  std::vector<LocationId> frame_ids;
  std::vector<StackId> stack_ids;

  Status Bind(const Json& holder, const std::string& where) {
    PROFLENS_RETURN_IF_ERROR(stacks.Bind(FindMember(holder, "stackTable"), where + ".stackTable"));
    PROFLENS_RETURN_IF_ERROR(frames.Bind(FindMember(holder, "frameTable"), where + ".frameTable"));
    prefix = stacks.Col("prefix");
    prefix_offset = stacks.Col("prefixOffset");
    stack_frame = stacks.Col("frame");
    location = frames.Col("location");
    frame_func = frames.Col("func");
    frame_line = frames.Col("line");
    raw = location.present();
    if (!stack_frame.present()) return Expected(where + ".stackTable", "a \"frame\" column");
    if (!raw) {
      if (!frame_func.present()) return Expected(where + ".frameTable", "a \"location\" or \"func\" column");
      PROFLENS_RETURN_IF_ERROR(funcs.Bind(FindMember(holder, "funcTable"), where + ".funcTable"));
      func_name = funcs.Col("name");
      func_file = funcs.Col("fileName");
      func_source = funcs.Col("source");
      func_line = funcs.Col("lineNumber");
      func_resource = funcs.Col("resource");
      if (FindMember(holder, "resourceTable") != nullptr) {
        PROFLENS_RETURN_IF_ERROR(resources.Bind(FindMember(holder, "resourceTable"), where + ".resourceTable"));
        resource_name = resources.Col("name");
      }
    }
    frame_ids.assign(frames.size(), kNoId);
    stack_ids.assign(stacks.size(), kNoId);
    return Status::Ok();
  }
};

class FirefoxReader {
 public:
  explicit FirefoxReader(std::vector<std::string>* notes) : notes_(notes) {}

  Result<Profile> Run(std::string_view text) {
    Result<Json> parsed = ParseJsonDocument(text);
    if (!parsed.ok()) return parsed.status();
    const Json* root = &*parsed;
    std::string where;
    if (const Json* wrapped = FindMember(*root, "profile"); wrapped != nullptr && wrapped->is_object()) {
      root = wrapped;  // Firefox DevTools' old performance panel
      where = "profile.";
    }
    b_.AddSampleType("samples", "count");
    b_.AddSampleType("time", "nanoseconds");
    b_.profile().default_sample_type = b_.InternString("samples");
    PROFLENS_RETURN_IF_ERROR(ReadProcess(*root, where, 0));
    if (notes_ != nullptr && stackless_ > 0) {
      notes_->push_back(std::to_string(stackless_) + (stackless_ == 1 ? " sample has no stack and is" : " samples have no stack and are") +
                        " left out, as the Firefox Profiler's call tree leaves them out");
    }
    if (samples_ == 0) return Status::Input("no samples found: expected threads with samples and their stack tables");
    Profile profile = std::move(b_).Build();
    profile.raw_sample_count = samples_;
    return profile;
  }

 private:
  // One profile: its threads, then its subprocesses' (raw profiles).
  Status ReadProcess(const Json& p, const std::string& where, int depth) {
    if (!p.is_object()) return Expected(where.empty() ? "the document" : where, "a profile object");
    if (depth > 8) return Status::Input(where + ": expected subprocesses nested at most 8 deep");
    const Json* meta = FindMember(p, "meta");
    const Json* threads = FindMember(p, "threads");
    if (meta == nullptr || !meta->is_object()) return Expected(where + "meta", "an object");
    if (threads == nullptr || !threads->is_array()) return Expected(where + "threads", "an array of threads");
    double interval = 1;
    if (!AsFinite(FindMember(*meta, "interval"), &interval) || interval < 0) interval = 1;
    const Json* units = FindMember(*meta, "sampleUnits");
    const Json* time_unit = units != nullptr ? FindMember(*units, "time") : nullptr;
    const bool timed = time_unit == nullptr || *time_unit == "ms";
    // Shared tables (processed profiles from version 60 on) and strings (56 on).
    const Json* shared = FindMember(p, "shared");
    const Json* shared_strings = shared != nullptr ? FindMember(*shared, "stringArray") : nullptr;
    std::unique_ptr<Tables> shared_tables;
    if (shared != nullptr && FindMember(*shared, "stackTable") != nullptr) {
      shared_tables = std::make_unique<Tables>();
      PROFLENS_RETURN_IF_ERROR(shared_tables->Bind(*shared, where + "shared"));
      shared_tables->strings = shared_strings;
      if (const Json* sources = FindMember(*shared, "sources"); sources != nullptr) {
        PROFLENS_RETURN_IF_ERROR(shared_tables->sources.Bind(sources, where + "shared.sources"));
        shared_tables->source_file = shared_tables->sources.Col("filename");
      }
    }
    for (size_t i = 0; i < threads->size(); ++i) {
      const std::string at = At(where + "threads", i);
      const Json* thread = &(*threads)[i];
      Json decoded;  // old Firefox versions wrote subprocess threads as JSON text
      if (thread->is_string()) {
        Result<Json> inner = ParseJsonDocument(thread->get_ref<const std::string&>());
        if (!inner.ok()) return inner.status().WithContext(at);
        decoded = std::move(inner).value();
        thread = &decoded;
      }
      if (!thread->is_object()) return Expected(at, "a thread object");
      Tables own;
      Tables* tables = shared_tables.get();
      if (FindMember(*thread, "stackTable") != nullptr || tables == nullptr) {
        PROFLENS_RETURN_IF_ERROR(own.Bind(*thread, at));
        tables = &own;
      }
      const Json* strings = FindMember(*thread, "stringTable");
      if (strings == nullptr || !strings->is_array()) strings = FindMember(*thread, "stringArray");
      if (strings == nullptr || !strings->is_array()) strings = shared_strings;
      if (tables->strings == nullptr) tables->strings = strings;
      if (tables->strings == nullptr || !tables->strings->is_array()) return Expected(at, "a \"stringTable\" or \"stringArray\" of strings");
      PROFLENS_RETURN_IF_ERROR(ReadThread(*thread, at, *tables, interval, timed));
    }
    if (const Json* processes = FindMember(p, "processes"); processes != nullptr && processes->is_array()) {
      for (size_t i = 0; i < processes->size(); ++i) {
        const Json* sub = &(*processes)[i];
        Json decoded;
        if (sub->is_string()) {
          Result<Json> inner = ParseJsonDocument(sub->get_ref<const std::string&>());
          if (!inner.ok()) return inner.status().WithContext(At(where + "processes", i));
          decoded = std::move(inner).value();
          sub = &decoded;
        }
        PROFLENS_RETURN_IF_ERROR(ReadProcess(*sub, At(where + "processes", i) + ".", depth + 1));
      }
    }
    return Status::Ok();
  }

  Result<std::string_view> String(const Tables& t, const Json* index, const std::string& where) const {
    size_t i = 0;
    if (!AsIndex(index, &i) || i >= t.strings->size() || !(*t.strings)[i].is_string()) {
      return Expected(where, "an index into the " + std::to_string(t.strings->size()) + " strings");
    }
    return std::string_view((*t.strings)[i].get_ref<const std::string&>());
  }

  Result<LocationId> Frame(Tables& t, size_t f) {
    if (t.frame_ids[f] != kNoId) return t.frame_ids[f];
    const std::string where = At(t.frames.where(), f);
    std::string name;
    std::string_view file;
    int64_t line = 0;
    double frame_line = 0;
    if (AsFinite(t.frames.At(f, t.frame_line), &frame_line) && frame_line > 0) line = static_cast<int64_t>(frame_line);
    if (t.raw) {
      Result<std::string_view> location = String(t, t.frames.At(f, t.location), where + ".location");
      if (!location.ok()) return location.status();
      std::string function;
      std::string_view url;
      int64_t js_line = 0;
      if (ParseJsLocation(*location, &function, &url, &js_line)) {
        const size_t arrow = url.rfind(" -> ");  // "a.js -> b.js": the script is the last
        if (arrow != std::string_view::npos) url = url.substr(arrow + 4);
        file = url;
        name = function.empty() ? "(root scope) " + std::string(url) : function;
        if (line == 0) line = js_line;
      } else {
        name = *location;
      }
    } else {
      size_t func = 0;
      if (!AsIndex(t.frames.At(f, t.frame_func), &func) || func >= t.funcs.size()) {
        return Expected(where + ".func", "an index into the " + std::to_string(t.funcs.size()) + " functions");
      }
      const std::string func_where = At(t.funcs.where(), func);
      Result<std::string_view> func_name = String(t, t.funcs.At(func, t.func_name), func_where + ".name");
      if (!func_name.ok()) return func_name.status();
      name = *func_name;
      size_t source = 0;
      if (const Json* file_index = t.funcs.At(func, t.func_file); file_index != nullptr) {
        Result<std::string_view> f_name = String(t, file_index, func_where + ".fileName");
        if (!f_name.ok()) return f_name.status();
        file = *f_name;
      } else if (AsIndex(t.funcs.At(func, t.func_source), &source) && source < t.sources.size()) {
        Result<std::string_view> f_name = String(t, t.sources.At(source, t.source_file), At(t.sources.where(), source) + ".filename");
        if (!f_name.ok()) return f_name.status();
        file = *f_name;
      }
      size_t resource = 0;
      if (file.empty() && AsIndex(t.funcs.At(func, t.func_resource), &resource) && resource < t.resources.size()) {
        // A native function: its library stands for its file.
        Result<std::string_view> r_name = String(t, t.resources.At(resource, t.resource_name), At(t.resources.where(), resource) + ".name");
        if (r_name.ok()) file = *r_name;
      }
      double func_line = 0;
      if (line == 0 && AsFinite(t.funcs.At(func, t.func_line), &func_line) && func_line > 0) line = static_cast<int64_t>(func_line);
    }
    Function fn;
    fn.name = fn.system_name = b_.InternString(name);
    fn.filename = b_.InternString(file);
    Line l{b_.InternFunction(fn), line};
    t.frame_ids[f] = b_.InternLocation(kNoId, 0, {&l, 1});
    return t.frame_ids[f];
  }

  // The stack of stack index `s`, leaf first: its frame, then its prefix's.
  Result<StackId> Stack(Tables& t, size_t s) {
    if (t.stack_ids[s] != kNoId) return t.stack_ids[s];
    stack_.clear();
    size_t at = s;
    for (size_t steps = 0;; ++steps) {
      const std::string where = At(t.stacks.where(), at);
      if (steps > t.stacks.size()) return Status::Input(where + ": expected prefixes that end at a root, not a cycle");
      size_t frame = 0;
      if (!AsIndex(t.stacks.At(at, t.stack_frame), &frame) || frame >= t.frames.size()) {
        return Expected(where + ".frame", "an index into the " + std::to_string(t.frames.size()) + " frames");
      }
      Result<LocationId> loc = Frame(t, frame);
      if (!loc.ok()) return loc.status();
      stack_.push_back(*loc);
      size_t parent = 0;
      if (t.prefix_offset.present()) {
        size_t offset = 0;
        if (!AsIndex(t.stacks.At(at, t.prefix_offset), &offset) || offset > at) {
          return Expected(where + ".prefixOffset", "an offset back to a stack before it, or 0");
        }
        if (offset == 0) break;
        parent = at - offset;
      } else {
        const Json* prefix = t.stacks.At(at, t.prefix);
        if (prefix == nullptr) break;
        if (!AsIndex(prefix, &parent) || parent >= t.stacks.size()) {
          return Expected(where + ".prefix", "an index into the " + std::to_string(t.stacks.size()) + " stacks, or null");
        }
      }
      at = parent;
    }
    t.stack_ids[s] = b_.InternStack(stack_);
    return t.stack_ids[s];
  }

  Status ReadThread(const Json& thread, const std::string& where, Tables& t, double interval_ms, bool timed) {
    Table samples;
    PROFLENS_RETURN_IF_ERROR(samples.Bind(FindMember(thread, "samples"), where + ".samples"));
    const Column stack = samples.Col("stack"), time = samples.Col("time"), deltas = samples.Col("timeDeltas"),
                 weight = samples.Col("weight");
    if (!stack.present()) return Expected(where + ".samples", "a \"stack\" column");
    std::string weight_type = "samples";
    if (const Json* w = FindMember(*FindMember(thread, "samples"), "weightType"); w != nullptr && w->is_string()) weight_type = *w;
    size_t type = 0;  // where a sample's weight goes
    if (weight_type == "tracing-ms") {
      type = 1;
    } else if (weight_type == "bytes") {
      if (space_ == SIZE_MAX) {
        b_.AddSampleType("space", "bytes");
        space_ = b_.sample_type_count() - 1;
      }
      type = space_;
    } else if (weight_type != "samples") {
      return Expected(where + ".samples.weightType", "\"samples\", \"tracing-ms\" or \"bytes\"");
    }
    const LabelSetId labels = Labels(thread);
    // Sample times in milliseconds, for the traced time.
    std::vector<double> times(samples.size(), 0);
    bool have_times = timed && weight_type == "samples" && (time.present() || deltas.present());
    double sum = 0;
    for (size_t i = 0; have_times && i < samples.size(); ++i) {
      double v = 0;
      if (!AsFinite(samples.At(i, time.present() ? time : deltas), &v)) {
        return Expected(At(where + ".samples." + (time.present() ? "time" : "timeDeltas"), i), "a time in milliseconds");
      }
      sum = time.present() ? v : sum + v;
      times[i] = sum;
    }
    std::vector<int64_t> values(b_.sample_type_count(), 0);
    for (size_t i = 0; i < samples.size(); ++i) {
      const Json* s = samples.At(i, stack);
      if (s == nullptr) {
        ++stackless_;
        continue;
      }
      size_t index = 0;
      if (!AsIndex(s, &index) || index >= t.stacks.size()) {
        return Expected(At(where + ".samples.stack", i), "an index into the " + std::to_string(t.stacks.size()) + " stacks, or null");
      }
      Result<StackId> id = Stack(t, index);
      if (!id.ok()) return id.status();
      std::fill(values.begin(), values.end(), 0);
      double w = 1;
      if (weight.present() && samples.At(i, weight) != nullptr && !AsFinite(samples.At(i, weight), &w)) {
        return Expected(At(where + ".samples.weight", i), "a number");
      }
      values[type] = static_cast<int64_t>(std::llround(type == 1 ? w * 1e6 : w));
      if (type != 0) values[0] = 1;  // a weighted sample still counts one
      if (have_times) {
        values[1] = i + 1 < samples.size() ? std::llround(times[i + 1] * 1e6) - std::llround(times[i] * 1e6)
                                           : std::llround(interval_ms * 1e6);
      }
      b_.AddSample(*id, labels, values);
      ++samples_;
    }
    return Status::Ok();
  }

  LabelSetId Labels(const Json& thread) {
    std::vector<Label> labels;
    auto text = [](const Json* v) -> std::string {
      if (v == nullptr) return "";
      if (v->is_string()) return v->get<std::string>();
      if (v->is_number()) return v->dump();
      return "";
    };
    const std::string name = text(FindMember(thread, "name")), pid = text(FindMember(thread, "pid")),
                      tid = text(FindMember(thread, "tid")), process = text(FindMember(thread, "processName"));
    if (!pid.empty()) labels.push_back({b_.InternString("pid"), b_.InternString(pid)});
    if (!tid.empty()) labels.push_back({b_.InternString("tid"), b_.InternString(tid)});
    if (!name.empty()) labels.push_back({b_.InternString(kThreadFrameLabel), b_.InternString(name)});
    if (!process.empty()) labels.push_back({b_.InternString(kProcessFrameLabel), b_.InternString(process)});
    return b_.InternLabels(labels);
  }

  std::vector<std::string>* notes_;
  ProfileBuilder b_;
  std::vector<LocationId> stack_;
  size_t space_ = SIZE_MAX;
  uint64_t samples_ = 0, stackless_ = 0;
};

}  // namespace

Result<Profile> ReadFirefoxProfile(std::string_view json, std::vector<std::string>* notes) {
  return FirefoxReader(notes).Run(json);
}

}  // namespace proflens
