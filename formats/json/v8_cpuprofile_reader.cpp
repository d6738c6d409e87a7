#include "formats/json/v8_cpuprofile_reader.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "formats/json/json_document.h"

namespace proflens {

namespace {

using Json = nlohmann::json;

Status Expected(const std::string& where, std::string_view what) {
  return Status::Input(where + ": expected " + std::string(what));
}

std::string At(const std::string& where, size_t i) { return where + "[" + std::to_string(i) + "]"; }

// A JSON number as an integer, when it is one (5 or 5.0).
bool AsInteger(const Json& v, int64_t* out) {
  if (v.is_number_integer()) {
    *out = v.get<int64_t>();
    return !v.is_number_unsigned() || v.get<uint64_t>() <= uint64_t{INT64_MAX};
  }
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e18) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

bool AsFinite(const Json& v, double* out) {
  if (!v.is_number()) return false;
  *out = v.get<double>();
  return std::isfinite(*out) && std::fabs(*out) < 1e17;
}

std::string StringMember(const Json& object, const char* key) {
  const Json* v = FindMember(object, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

int64_t IntegerMember(const Json& object, const char* key, int64_t otherwise) {
  const Json* v = FindMember(object, key);
  int64_t out = 0;
  return v != nullptr && AsInteger(*v, &out) ? out : otherwise;
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A frame of a V8 profile as a location: function `name` of `file`
// starting at `line` (1-based, 0 unknown).
LocationId InternV8Frame(ProfileBuilder& b, std::string_view name, std::string_view file, int64_t line) {
  Function fn;
  fn.name = fn.system_name = b.InternString(name);
  fn.filename = b.InternString(file);
  fn.start_line = line;
  Line l{b.InternFunction(fn), line};
  return b.InternLocation(kNoId, 0, {&l, 1});
}

// "fib" or, unnamed, "(anonymous work.js:17)" (speedscope's name; lines 1-based).
std::string FunctionName(std::string_view name, std::string_view file, int64_t line) {
  if (!name.empty()) return std::string(name);
  if (file.empty()) return "(anonymous)";
  return "(anonymous " + std::string(BaseName(file)) + ":" + std::to_string(line) + ")";
}

// ---------------------------------------------------------------------------
// .cpuprofile

// One node of the newer form: {"id", "callFrame": {...}, "children": [...]},
// or of a ProfileChunk ({"id", "callFrame", "parent"}); without "callFrame",
// the call frame's members on the node itself (the older form).
Status ReadNode(const Json& n, const std::string& where, V8CpuProfileData::Node* node) {
  if (!n.is_object()) return Expected(where, "a node object");
  const Json* id = FindMember(n, "id");
  if (id == nullptr || !AsInteger(*id, &node->id)) return Expected(where, "an integer \"id\"");
  const Json* frame = FindMember(n, "callFrame");
  const Json& f = frame != nullptr && frame->is_object() ? *frame : n;
  node->function_name = StringMember(f, "functionName");
  node->url = StringMember(f, "url");
  node->line = IntegerMember(f, "lineNumber", -1);
  node->column = IntegerMember(f, "columnNumber", -1);
  const Json* parent = FindMember(n, "parent");
  if (parent != nullptr && !AsInteger(*parent, &node->parent)) return Expected(where + ".parent", "a node id");
  return Status::Ok();
}

// The older form: a "head" tree of nodes with "children" objects; times are
// "timestamps" (microseconds) and startTime/endTime in seconds.
Status ReadHeadTree(const Json& doc, V8CpuProfileData& data) {
  struct Pending {
    const Json* node;
    int64_t parent;
    std::string where;
  };
  std::vector<Pending> todo{{FindMember(doc, "head"), V8CpuProfileData::kNoParent, "head"}};
  while (!todo.empty()) {
    Pending p = std::move(todo.back());
    todo.pop_back();
    V8CpuProfileData::Node node;
    PROFLENS_RETURN_IF_ERROR(ReadNode(*p.node, p.where, &node));
    node.parent = p.parent;
    data.nodes.push_back(std::move(node));
    const Json* children = FindMember(*p.node, "children");
    if (children == nullptr) continue;
    if (!children->is_array()) return Expected(p.where + ".children", "an array of nodes");
    for (size_t c = children->size(); c-- > 0;) {
      todo.push_back({&(*children)[c], data.nodes.back().id, At(p.where + ".children", c)});
    }
  }
  double start = 0, end = 0;
  const Json* start_time = FindMember(doc, "startTime");
  const Json* end_time = FindMember(doc, "endTime");
  if (start_time != nullptr && AsFinite(*start_time, &start)) data.start_time = start * 1e6;
  if (end_time != nullptr && AsFinite(*end_time, &end)) data.end_time = end * 1e6;
  const Json* timestamps = FindMember(doc, "timestamps");
  if (timestamps == nullptr) return Status::Ok();
  if (!timestamps->is_array()) return Expected("timestamps", "an array of times in microseconds");
  double last = data.start_time;
  for (size_t i = 0; i < timestamps->size() && i < data.samples.size(); ++i) {
    double t = 0;
    if (!AsFinite((*timestamps)[i], &t)) return Expected(At("timestamps", i), "a time in microseconds");
    data.time_deltas.push_back(t - last);
    last = t;
  }
  return Status::Ok();
}

Result<V8CpuProfileData> ReadCpuProfileDocument(const Json& doc) {
  V8CpuProfileData data;
  if (!doc.is_object()) return Expected("the document", "an object with \"nodes\" and \"samples\"");
  const Json* samples = FindMember(doc, "samples");
  if (samples == nullptr || !samples->is_array()) return Expected("samples", "an array of node ids");
  data.samples.reserve(samples->size());
  for (size_t i = 0; i < samples->size(); ++i) {
    int64_t id = 0;
    if (!AsInteger((*samples)[i], &id)) return Expected(At("samples", i), "a node id");
    data.samples.push_back(id);
  }
  const Json* nodes = FindMember(doc, "nodes");
  if (nodes == nullptr && FindMember(doc, "head") != nullptr) {
    PROFLENS_RETURN_IF_ERROR(ReadHeadTree(doc, data));
  } else {
    if (nodes == nullptr || !nodes->is_array()) return Expected("nodes", "an array of nodes");
    PROFLENS_RETURN_IF_ERROR(AppendV8Nodes(*nodes, data, "nodes"));
    for (const char* key : {"startTime", "endTime"}) {
      const Json* v = FindMember(doc, key);
      double t = 0;
      if (v == nullptr) continue;
      if (!AsFinite(*v, &t)) return Expected(key, "a time in microseconds");
      (key[0] == 's' ? data.start_time : data.end_time) = t;
    }
    const Json* deltas = FindMember(doc, "timeDeltas");
    if (deltas != nullptr) {
      if (!deltas->is_array()) return Expected("timeDeltas", "an array of microseconds");
      data.time_deltas.reserve(deltas->size());
      for (size_t i = 0; i < deltas->size(); ++i) {
        double d = 0;
        if (!AsFinite((*deltas)[i], &d)) return Expected(At("timeDeltas", i), "a number of microseconds");
        data.time_deltas.push_back(d);
      }
    }
  }
  if (data.time_deltas.empty() && !data.samples.empty()) {
    // No times: the samples share the profile's span evenly (as DevTools does).
    const double step = (data.end_time - data.start_time) / static_cast<double>(data.samples.size());
    data.time_deltas.assign(data.samples.size(), std::max(step, 0.0));
  }
  return data;
}

// ---------------------------------------------------------------------------
// --prof-process --preprocess

constexpr const char* kVmStates[] = {"JS", "GC", "PARSER", "BYTECODE_COMPILER", "COMPILER",
                                     "OTHER", "EXTERNAL", "ATOMICS_WAIT", "IDLE", "LOGGING"};

// A code entry as a frame, named as speedscope names it, but for C++
// functions and libraries, named as --prof-process prints them.
LocationId CodeFrame(ProfileBuilder& b, const Json& code) {
  const std::string name = StringMember(code, "name");
  const std::string type = StringMember(code, "type");
  if (type.empty()) return InternV8Frame(b, "(unknown type)", "", 0);
  if (type == "CPP" || type == "SHARED_LIB") return InternV8Frame(b, name, "", 0);
  if (type == "JS") {
    // "fib /app/work.js:3:13", " node:internal/main/run_main_module:1:1" (unnamed)
    const size_t space = name.rfind(' ');
    const std::string_view where = space == std::string::npos ? std::string_view(name) : std::string_view(name).substr(space + 1);
    const size_t col_colon = where.rfind(':');
    const size_t line_colon = col_colon == std::string_view::npos || col_colon == 0 ? std::string_view::npos : where.rfind(':', col_colon - 1);
    int64_t line = 0;
    bool located = line_colon != std::string_view::npos && space != std::string::npos;
    if (located) {
      const std::string_view digits = where.substr(line_colon + 1, col_colon - line_colon - 1);
      located = !digits.empty() && digits.size() < 10 &&
                std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (located) line = std::stoll(std::string(digits));
    }
    if (!located) return InternV8Frame(b, name, "", 0);
    std::string_view function = std::string_view(name).substr(0, space);
    while (!function.empty() && function.front() == ' ') function.remove_prefix(1);
    const std::string_view file = where.substr(0, line_colon);
    return InternV8Frame(b, FunctionName(function, file, line), file, line);
  }
  if (type == "CODE") {
    const std::string kind = StringMember(code, "kind");
    static const std::pair<const char*, const char*> kPrefixes[] = {
        {"LoadIC", "(IC) "},     {"StoreIC", "(IC) "},         {"KeyedStoreIC", "(IC) "},  {"KeyedLoadIC", "(IC) "},
        {"LoadGlobalIC", "(IC) "}, {"Handler", "(IC) "},        {"BytecodeHandler", "(bytecode) ~"},
        {"Stub", "(stub) "},     {"Builtin", "(builtin) "},    {"RegExp", "(regexp) "}};
    for (const auto& [k, prefix] : kPrefixes) {
      if (kind == k) return InternV8Frame(b, prefix + name, "", 0);
    }
    return InternV8Frame(b, name, "", 0);
  }
  return InternV8Frame(b, "(" + type + ") " + name, "", 0);
}

class ProfLogReader {
 public:
  Result<Profile> Run(std::string_view text) {
    Result<Json> parsed = ParseJsonDocument(text);
    if (!parsed.ok()) return parsed.status();
    const Json& doc = *parsed;
    const Json* code = FindMember(doc, "code");
    const Json* ticks = FindMember(doc, "ticks");
    if (code == nullptr || !code->is_array()) return Expected("code", "an array of code entries");
    if (ticks == nullptr || !ticks->is_array()) return Expected("ticks", "an array of ticks");
    b_.AddSampleType("samples", "count");
    b_.AddSampleType("time", "nanoseconds");
    b_.profile().default_sample_type = b_.InternString("samples");
    frames_.assign(code->size(), kNoId);
    // Ticks in time order (file order on ties), as speedscope weighs them.
    std::vector<std::pair<double, size_t>> order;
    order.reserve(ticks->size());
    for (size_t i = 0; i < ticks->size(); ++i) {
      const Json& tick = (*ticks)[i];
      const Json* tm = FindMember(tick, "tm");
      double t = 0;
      if (!tick.is_object() || tm == nullptr || !AsFinite(*tm, &t)) return Expected(At("ticks", i), "a tick with a time \"tm\"");
      order.push_back({t, i});
    }
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double last = 0;
    std::vector<int64_t> values(2);
    for (const auto& [t, i] : order) {
      const Json& tick = (*ticks)[i];
      const std::string where = At("ticks", i);
      const Json* s = FindMember(tick, "s");
      if (s == nullptr || !s->is_array() || s->size() % 2 != 0) return Expected(where + ".s", "an array of (code index, offset) pairs");
      stack_.clear();
      for (size_t k = 0; k < s->size(); k += 2) {
        int64_t index = 0;
        if (!AsInteger((*s)[k], &index) || index < -1 || (index >= 0 && static_cast<uint64_t>(index) >= code->size())) {
          return Expected(At(where + ".s", k), "a code index below " + std::to_string(code->size()) + ", or -1");
        }
        if (index < 0) continue;  // an address no code covers
        LocationId& frame = frames_[static_cast<size_t>(index)];
        if (frame == kNoId) frame = CodeFrame(b_, (*code)[static_cast<size_t>(index)]);
        stack_.push_back(frame);
      }
      if (stack_.empty()) stack_.push_back(UnknownFrame());
      values[0] = 1;
      values[1] = static_cast<int64_t>(std::llround((t - last) * 1e3));
      last = t;
      b_.AddSample(b_.InternStack(stack_), VmLabels(tick), values);
    }
    Profile profile = std::move(b_).Build();
    profile.raw_sample_count = ticks->size();
    return profile;
  }

 private:
  LocationId UnknownFrame() {
    if (unknown_ == kNoId) unknown_ = InternV8Frame(b_, "(unknown)", "", 0);
    return unknown_;
  }

  LabelSetId VmLabels(const Json& tick) {
    const int64_t vm = IntegerMember(tick, "vm", -1);
    if (vm < 0) return 0;
    const std::string state = vm < static_cast<int64_t>(std::size(kVmStates)) ? kVmStates[vm] : std::to_string(vm);
    Label label{b_.InternString("vm"), b_.InternString(state)};
    return b_.InternLabels({&label, 1});
  }

  ProfileBuilder b_;
  std::vector<LocationId> frames_;  // by code index, kNoId until used
  std::vector<LocationId> stack_;
  LocationId unknown_ = kNoId;
};

}  // namespace

Status AppendV8Nodes(const Json& nodes, V8CpuProfileData& data, const std::string& where) {
  if (!nodes.is_array()) return Expected(where, "an array of nodes");
  data.nodes.reserve(data.nodes.size() + nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    V8CpuProfileData::Node node;
    PROFLENS_RETURN_IF_ERROR(ReadNode(nodes[i], At(where, i), &node));
    const Json* children = FindMember(nodes[i], "children");
    if (children != nullptr) {
      if (!children->is_array()) return Expected(At(where, i) + ".children", "an array of node ids");
      for (size_t c = 0; c < children->size(); ++c) {
        int64_t child = 0;
        if (!AsInteger((*children)[c], &child)) return Expected(At(At(where, i) + ".children", c), "a node id");
        data.child_links.push_back({child, node.id});
      }
    }
    data.nodes.push_back(std::move(node));
  }
  return Status::Ok();
}

Status AddV8CpuSamples(const V8CpuProfileData& data, ProfileBuilder& b, LabelSetId labels, const std::string& where,
                       uint64_t* unknown) {
  if (data.time_deltas.size() < data.samples.size()) {
    return Status::Input(where + ": expected a time delta for each sample (" + std::to_string(data.samples.size()) +
                         " samples, " + std::to_string(data.time_deltas.size()) + " timeDeltas)");
  }
  std::unordered_map<int64_t, size_t> index;
  index.reserve(data.nodes.size());
  for (size_t i = 0; i < data.nodes.size(); ++i) {
    if (!index.emplace(data.nodes[i].id, i).second) {
      return Status::Input(where + ": node id " + std::to_string(data.nodes[i].id) + " is given twice");
    }
  }
  // Children lists give each child its parent (a child not among the nodes
  // is passed over, as DevTools and speedscope do).
  std::vector<int64_t> parents(data.nodes.size(), V8CpuProfileData::kNoParent);
  for (const auto& [child, parent] : data.child_links) {
    auto it = index.find(child);
    if (it != index.end()) parents[it->second] = parent;
  }
  auto parent_of = [&](size_t n) {
    return data.nodes[n].parent != V8CpuProfileData::kNoParent ? data.nodes[n].parent : parents[n];
  };
  // Each node's frame, and each sampled node's stack, made once.
  std::vector<LocationId> frames(data.nodes.size(), kNoId);
  std::vector<StackId> stacks(data.nodes.size(), kNoId);
  auto frame = [&](size_t n) {
    if (frames[n] == kNoId) {
      const V8CpuProfileData::Node& node = data.nodes[n];
      const int64_t line = node.line >= 0 ? node.line + 1 : 0;
      frames[n] = InternV8Frame(b, FunctionName(node.function_name, node.url, line), node.url, line);
    }
    return frames[n];
  };
  std::vector<LocationId> stack;
  auto stack_of = [&](size_t n) -> Result<StackId> {
    if (stacks[n] != kNoId) return stacks[n];
    stack.clear();
    size_t at = n;
    for (size_t steps = 0;; ++steps) {
      if (steps > data.nodes.size()) {
        return Status::Input(where + ": node " + std::to_string(data.nodes[n].id) + "'s parents form a cycle");
      }
      const V8CpuProfileData::Node& node = data.nodes[at];
      const int64_t parent_id = parent_of(at);
      auto parent = parent_id == V8CpuProfileData::kNoParent ? index.end() : index.find(parent_id);
      // The tree's root, "(root)", is no frame (unless sampled itself).
      if (parent == index.end() && node.function_name == "(root)" && !stack.empty()) break;
      stack.push_back(frame(at));
      if (parent == index.end()) break;
      at = parent->second;
    }
    stacks[n] = b.InternStack(stack);
    return stacks[n];
  };
  // Sample i lasts from its time to the next sample's; a time before the
  // latest counts as equal to it (speedscope's weighing).
  std::vector<int64_t> values(b.sample_type_count(), 0);
  double time = data.start_time;
  double latest = -INFINITY;
  StackId previous = kNoId;
  for (size_t i = 0; i < data.samples.size(); ++i) {
    auto it = index.find(data.samples[i]);
    StackId s = previous;
    if (it != index.end()) {
      Result<StackId> found = stack_of(it->second);
      if (!found.ok()) return found.status();
      s = *found;
    } else if (unknown != nullptr) {
      ++*unknown;
    }
    time += data.time_deltas[i];
    const double start = std::max(latest, time);
    latest = start;
    double end = start;
    if (i + 1 < data.samples.size()) end = std::max(start, time + data.time_deltas[i + 1]);
    values[0] = it != index.end() ? 1 : 0;
    values[1] = static_cast<int64_t>(std::llround(end * 1e3) - std::llround(start * 1e3));
    if (s != kNoId) b.AddSample(s, labels, values);
    previous = s;
  }
  return Status::Ok();
}

std::string UnknownNodesNote(uint64_t count) {
  return std::to_string(count) + (count == 1 ? " sample names a node" : " samples name nodes") +
         " the profile does not have, and " + (count == 1 ? "is" : "are") +
         " passed over as speedscope passes them over (the time goes to the sample before)";
}

Result<Profile> ReadV8CpuProfile(std::string_view json, std::vector<std::string>* notes) {
  Result<Json> parsed = ParseJsonDocument(json);
  if (!parsed.ok()) return parsed.status();
  Result<V8CpuProfileData> data = ReadCpuProfileDocument(*parsed);
  if (!data.ok()) return data.status();
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  b.AddSampleType("time", "nanoseconds");
  b.profile().default_sample_type = b.InternString("time");
  uint64_t unknown = 0;
  PROFLENS_RETURN_IF_ERROR(AddV8CpuSamples(*data, b, 0, "the profile", &unknown));
  if (notes != nullptr && unknown > 0) notes->push_back(UnknownNodesNote(unknown));
  Profile profile = std::move(b).Build();
  profile.raw_sample_count = data->samples.size();
  if (data->end_time > data->start_time) {
    profile.duration_nanos = static_cast<int64_t>(std::llround((data->end_time - data->start_time) * 1e3));
  }
  return profile;
}

Result<Profile> ReadV8ProfLog(std::string_view json) { return ProfLogReader().Run(json); }

}  // namespace proflens
