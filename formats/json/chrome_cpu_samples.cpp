#include "formats/json/chrome_cpu_samples.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/profile_builder.h"
#include "analyzer/timeline.h"
#include "formats/json/json_document.h"
#include "formats/json/v8_cpuprofile_reader.h"

namespace proflens {

namespace {

using Json = nlohmann::json;

// Builds the DOM of the elements of traceEvents at the given indexes only
// (for ForEachJsonElement): the other events are passed over as they stream.
class SelectedEvents {
 public:
  SelectedEvents(const std::vector<size_t>& wanted, std::vector<std::pair<size_t, Json>>& out) : wanted_(wanted), out_(out) {}

  bool null() { return Value(Json(nullptr)); }
  bool boolean(bool v) { return Value(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return Value(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return Value(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return Value(Json(v)); }
  bool string(std::string& v) { return Value(Json(std::move(v))); }
  bool binary(Json::binary_t&) { return Value(Json()); }
  bool start_object(std::size_t) { return Open(Json::object()); }
  bool start_array(std::size_t) { return Open(Json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(std::string& k) {
    if (Selected()) builder_.Key(std::move(k));
    return true;
  }
  Status Finish(size_t index) {
    if (Selected() && builder_.root().is_object()) out_.push_back({index, std::move(builder_.root())});
    builder_ = JsonTreeBuilder();
    depth_ = 0;
    ++index_;
    return Status::Ok();
  }

 private:
  bool Selected() const { return std::binary_search(wanted_.begin(), wanted_.end(), index_); }
  bool Value(Json&& v) {
    if (Selected() && depth_ > 0) builder_.Value(std::move(v));
    return true;
  }
  bool Open(Json&& container) {
    if (Selected()) builder_.Open(std::move(container));
    ++depth_;
    return true;
  }
  bool Close() {
    if (Selected()) builder_.Close();
    --depth_;
    return true;
  }

  const std::vector<size_t>& wanted_;
  std::vector<std::pair<size_t, Json>>& out_;
  JsonTreeBuilder builder_;
  int depth_ = 0;
  size_t index_ = 0;
};

// A pid or tid as the trace reader keys threads: a string as it is, a
// number as its digits, anything else as its JSON text.
std::string IdText(const Json* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_unsigned()) return std::to_string(v->get<uint64_t>());
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  return v->dump();
}

// A number, or a string holding one ("11552125241", Hermes' times).
bool NumberOf(const Json* v, double* out) {
  if (v == nullptr) return false;
  if (v->is_number()) {
    *out = v->get<double>();
  } else if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    if (ec != std::errc() || end != s.data() + s.size()) return false;
  } else {
    return false;
  }
  return std::isfinite(*out) && std::fabs(*out) < 1e17;
}

LabelSetId ThreadLabels(ProfileBuilder& b, const std::string& pid, const std::string& tid, const ChromeThreadNames& threads) {
  std::vector<Label> labels;
  if (!pid.empty()) labels.push_back({b.InternString("pid"), b.InternString(pid)});
  if (!tid.empty()) labels.push_back({b.InternString("tid"), b.InternString(tid)});
  auto name = threads.find({pid, tid});
  if (name != threads.end() && !name->second.empty()) labels.push_back({b.InternString("thread"), b.InternString(name->second)});
  return b.InternLabels(labels);
}

ProfileBuilder NewBuilder() {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  b.AddSampleType("time", "nanoseconds");
  b.profile().default_sample_type = b.InternString("time");
  return b;
}

struct CpuProfile {
  std::string pid, tid, where;
  V8CpuProfileData data;
};

Status ReadTimes(const Json* array, std::vector<double>& out, const std::string& where) {
  if (array == nullptr) return Status::Ok();
  if (!array->is_array()) return Status::Input(where + ": expected an array of numbers");
  for (size_t i = 0; i < array->size(); ++i) {
    double v = 0;
    if (!NumberOf(&(*array)[i], &v)) return Status::Input(where + "[" + std::to_string(i) + "]: expected a number");
    out.push_back(v);
  }
  return Status::Ok();
}

Status ReadSampleIds(const Json* array, std::vector<int64_t>& out, const std::string& where) {
  if (array == nullptr) return Status::Ok();
  if (!array->is_array()) return Status::Input(where + ": expected an array of node ids");
  for (size_t i = 0; i < array->size(); ++i) {
    const Json& v = (*array)[i];
    if (!v.is_number_integer()) return Status::Input(where + "[" + std::to_string(i) + "]: expected a node id");
    out.push_back(v.get<int64_t>());
  }
  return Status::Ok();
}

}  // namespace

Result<Profile> ReadChromeCpuProfiles(std::string_view json, const std::vector<size_t>& events, const ChromeThreadNames& threads,
                                      std::vector<std::string>* notes) {
  std::vector<std::pair<size_t, Json>> selected;
  SelectedEvents capture(events, selected);
  int shape = 0;
  PROFLENS_RETURN_IF_ERROR(ForEachJsonElement(json, "traceEvents", capture, &shape));
  // In time order, as speedscope takes them (a chunk's samples follow the last's).
  auto ts = [](const Json& e) {
    double t = 0;
    return NumberOf(FindMember(e, "ts"), &t) ? t : 0.0;
  };
  std::stable_sort(selected.begin(), selected.end(), [&](const auto& a, const auto& b) { return ts(a.second) < ts(b.second); });
  std::vector<CpuProfile> profiles;
  std::unordered_map<std::string, size_t> by_id;
  for (const auto& [index, event] : selected) {
    const std::string where = "traceEvents[" + std::to_string(index) + "]";
    const std::string name = event.value("name", "");
    const std::string pid = IdText(FindMember(event, "pid")), tid = IdText(FindMember(event, "tid"));
    const std::string id = FindMember(event, "id") != nullptr ? IdText(FindMember(event, "id")) : pid + ":" + tid;
    const Json* args = FindMember(event, "args");
    const Json* data = args != nullptr ? FindMember(*args, "data") : nullptr;
    if (data == nullptr || !data->is_object()) continue;  // some traces have such events without data
    if (name == "Profile" || name == "CpuProfile") {
      auto [it, added] = by_id.try_emplace(id, profiles.size());
      if (added) profiles.push_back({pid, tid, where + " (" + name + " " + id + ")", {}});
      CpuProfile& p = profiles[it->second];
      const Json* whole = name == "CpuProfile" ? FindMember(*data, "cpuProfile") : data;
      if (whole == nullptr || !whole->is_object()) continue;
      double t = 0;
      if (NumberOf(FindMember(*whole, "startTime"), &t)) p.data.start_time = t;
      if (NumberOf(FindMember(*whole, "endTime"), &t)) p.data.end_time = t;
      if (const Json* nodes = FindMember(*whole, "nodes"); nodes != nullptr) {
        PROFLENS_RETURN_IF_ERROR(AppendV8Nodes(*nodes, p.data, where + ".args.data.nodes"));
      }
      PROFLENS_RETURN_IF_ERROR(ReadSampleIds(FindMember(*whole, "samples"), p.data.samples, where + ".args.data.samples"));
      PROFLENS_RETURN_IF_ERROR(ReadTimes(FindMember(*whole, "timeDeltas"), p.data.time_deltas, where + ".args.data.timeDeltas"));
      continue;
    }
    // A ProfileChunk: more nodes, samples and time deltas of its profile.
    auto it = by_id.find(id);
    if (it == by_id.end()) continue;  // a chunk of no declared profile, passed over as speedscope does
    CpuProfile& p = profiles[it->second];
    if (const Json* cpu = FindMember(*data, "cpuProfile"); cpu != nullptr && cpu->is_object()) {
      if (const Json* nodes = FindMember(*cpu, "nodes"); nodes != nullptr) {
        PROFLENS_RETURN_IF_ERROR(AppendV8Nodes(*nodes, p.data, where + ".args.data.cpuProfile.nodes"));
      }
      PROFLENS_RETURN_IF_ERROR(ReadSampleIds(FindMember(*cpu, "samples"), p.data.samples, where + ".args.data.cpuProfile.samples"));
    }
    PROFLENS_RETURN_IF_ERROR(ReadTimes(FindMember(*data, "timeDeltas"), p.data.time_deltas, where + ".args.data.timeDeltas"));
    double t = 0;
    if (NumberOf(FindMember(*data, "startTime"), &t)) p.data.start_time = t;
    if (NumberOf(FindMember(*data, "endTime"), &t)) p.data.end_time = t;
  }
  ProfileBuilder b = NewBuilder();
  uint64_t samples = 0, unknown = 0;
  for (CpuProfile& p : profiles) {
    if (p.data.samples.empty()) continue;
    PROFLENS_RETURN_IF_ERROR(AddV8CpuSamples(p.data, b, ThreadLabels(b, p.pid, p.tid, threads), p.where, &unknown));
    samples += p.data.samples.size();
  }
  if (notes != nullptr && unknown > 0) notes->push_back(UnknownNodesNote(unknown));
  Profile profile = std::move(b).Build();
  profile.raw_sample_count = samples;
  return profile;
}

Result<Profile> ReadTraceEventSamples(std::string_view json, const ChromeThreadNames& threads, bool* found) {
  *found = false;
  if (json.find("\"stackFrames\"") == std::string_view::npos || json.find("\"samples\"") == std::string_view::npos) {
    return Profile();
  }
  PROFLENS_ASSIGN_OR_RETURN(Json doc, ParseJsonDocument(json));
  const Json* samples = FindMember(doc, "samples");
  const Json* frames = FindMember(doc, "stackFrames");
  if (samples == nullptr || frames == nullptr || !samples->is_array() || !frames->is_object()) return Profile();
  *found = true;
  ProfileBuilder b = NewBuilder();
  // A frame id's location, and its stack (leaf first), made once.
  std::unordered_map<std::string, LocationId> locations;
  std::unordered_map<std::string, StackId> stacks;
  std::vector<LocationId> stack;
  auto stack_of = [&](const std::string& leaf, const std::string& where) -> Result<StackId> {
    auto known = stacks.find(leaf);
    if (known != stacks.end()) return known->second;
    stack.clear();
    std::string id = leaf;
    for (size_t steps = 0; !id.empty(); ++steps) {
      if (steps > frames->size()) return Status::Input(where + ": stackFrames[\"" + leaf + "\"]'s parents form a cycle");
      const Json* frame = FindMember(*frames, id.c_str());
      if (frame == nullptr || !frame->is_object()) {
        return Status::Input(where + ": expected a frame \"" + id + "\" in stackFrames");
      }
      auto [it, added] = locations.try_emplace(id, kNoId);
      if (added) it->second = InternFrame(b, frame->value("name", std::string("(unnamed)")), "", 0);
      stack.push_back(it->second);
      const Json* parent = FindMember(*frame, "parent");
      id = parent == nullptr || parent->is_null() ? "" : IdText(parent);
    }
    StackId s = b.InternStack(stack);
    stacks.emplace(leaf, s);
    return s;
  };
  // Samples by thread, in file order; each lasts until its thread's next one.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> by_thread;
  for (size_t i = 0; i < samples->size(); ++i) {
    const Json& s = (*samples)[i];
    if (!s.is_object()) return Status::Input("samples[" + std::to_string(i) + "]: expected a sample object");
    by_thread[{IdText(FindMember(s, "pid")), IdText(FindMember(s, "tid"))}].push_back(i);
  }
  std::vector<int64_t> values(2);
  for (const auto& [thread, indexes] : by_thread) {
    const LabelSetId labels = ThreadLabels(b, thread.first, thread.second, threads);
    for (size_t k = 0; k < indexes.size(); ++k) {
      const Json& s = (*samples)[indexes[k]];
      const std::string where = "samples[" + std::to_string(indexes[k]) + "]";
      double t = 0, next = 0, weight = 1;
      if (!NumberOf(FindMember(s, "ts"), &t)) return Status::Input(where + ": expected a time \"ts\"");
      if (k + 1 < indexes.size() && !NumberOf(FindMember((*samples)[indexes[k + 1]], "ts"), &next)) {
        return Status::Input("samples[" + std::to_string(indexes[k + 1]) + "]: expected a time \"ts\"");
      }
      if (FindMember(s, "weight") != nullptr && !NumberOf(FindMember(s, "weight"), &weight)) {
        return Status::Input(where + ": expected a number in \"weight\"");
      }
      const Json* sf = FindMember(s, "sf");
      if (sf == nullptr) return Status::Input(where + ": expected a stack frame id \"sf\"");
      PROFLENS_ASSIGN_OR_RETURN(StackId id, stack_of(IdText(sf), where));
      values[0] = static_cast<int64_t>(std::llround(weight));
      values[1] = k + 1 < indexes.size() ? std::max<int64_t>(0, std::llround(next * 1e3) - std::llround(t * 1e3)) : 0;
      b.AddSample(id, labels, values);
    }
  }
  Profile profile = std::move(b).Build();
  profile.raw_sample_count = samples->size();
  return profile;
}

}  // namespace proflens
