#include "formats/json/speedscope.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/profile_builder.h"
#include "analyzer/symbol_names.h"
#include "formats/json/json_document.h"
#include "formats/json/speedscope_document.h"
#include "analyzer/timeline.h"

namespace proflens {

namespace {

using Json = nlohmann::json;

struct UnitType {
  const char* type;
  const char* unit;
  double scale;  // to the unit
};

bool UnitOf(const std::string& unit, UnitType* out) {
  static const std::pair<const char*, UnitType> kUnits[] = {
      {"nanoseconds", {"time", "nanoseconds", 1}},   {"microseconds", {"time", "nanoseconds", 1e3}},
      {"milliseconds", {"time", "nanoseconds", 1e6}}, {"seconds", {"time", "nanoseconds", 1e9}},
      {"bytes", {"space", "bytes", 1}},               {"none", {"samples", "count", 1}},
  };
  for (const auto& [name, type] : kUnits) {
    if (unit == name) {
      *out = type;
      return true;
    }
  }
  return false;
}

class SpeedscopeReader {
 public:
  explicit SpeedscopeReader(TimelineRecording* timeline) : timeline_(timeline) {}

  Result<Profile> Run(std::string_view text) {
    // The profiles' events, samples and weights are read compact, beside the document.
    PROFLENS_ASSIGN_OR_RETURN(SpeedscopeDocument parsed, ParseSpeedscopeDocument(text));
    const Json& doc = parsed.doc;
    if (!doc.is_object()) return Error("the document", "an object");
    const Json* frames = FindMember(doc, "shared") ? FindMember(*FindMember(doc, "shared"), "frames") : nullptr;
    if (frames == nullptr || !frames->is_array()) return Error("shared.frames", "an array of frames");
    for (size_t i = 0; i < frames->size(); ++i) {
      const Json& f = (*frames)[i];
      const Json* name = f.is_object() ? FindMember(f, "name") : nullptr;
      if (name == nullptr || !name->is_string()) return Error("shared.frames[" + std::to_string(i) + "]", "a frame with a \"name\"");
      const Json* file = FindMember(f, "file");
      const Json* line = FindMember(f, "line");
      frames_.push_back(InternFrame(b_, name->get_ref<const std::string&>(),
                                    file && file->is_string() ? file->get_ref<const std::string&>() : "",
                                    line && line->is_number_integer() ? line->get<int64_t>() : 0));
    }
    const Json* profiles = FindMember(doc, "profiles");
    if (profiles == nullptr || !profiles->is_array()) return Error("profiles", "an array of profiles");
    for (size_t i = 0; i < profiles->size(); ++i) {
      static const SpeedscopeArrays kNone;
      const SpeedscopeArrays& arrays = i < parsed.profiles.size() ? parsed.profiles[i] : kNone;
      PROFLENS_RETURN_IF_ERROR(ReadOne((*profiles)[i], "profiles[" + std::to_string(i) + "]", arrays));
    }
    if (b_.sample_type_count() == 0) b_.AddSampleType("samples", "count");
    Profile profile = std::move(b_).Build();
    profile.raw_sample_count = records_;  // samples and events read, not timeline pieces
    if (timeline_ != nullptr) timeline_->ResolveNames(profile);
    return profile;
  }

 private:
  static Status Error(const std::string& where, std::string_view expected) {
    return Status::Input(where + ": expected " + std::string(expected));
  }

  // `where` makes the place for an error (only then: events are many).
  template <typename Where>
  Result<LocationId> Frame(const Json& index, const Where& where) const {
    if (!index.is_number_integer() || index.get<int64_t>() < 0 || index.get<uint64_t>() >= frames_.size()) {
      return Error(where(), "a frame index below " + std::to_string(frames_.size()));
    }
    return frames_[index.get<size_t>()];
  }

  template <typename Where>
  Result<int64_t> Scaled(const Json& value, double scale, const Where& where) const {
    if (!value.is_number()) return Error(where(), "a number");
    double v = value.get<double>() * scale;
    if (!std::isfinite(v) || std::fabs(v) > 9.0e18) return Error(where(), "a finite number");
    return static_cast<int64_t>(std::llround(v));
  }

  Status ReadOne(const Json& p, const std::string& where, const SpeedscopeArrays& arrays) {
    const Json* type = FindMember(p, "type");
    const Json* unit = FindMember(p, "unit");
    UnitType u;
    if (type == nullptr || !type->is_string()) return Error(where, "a profile with a \"type\" (sampled or evented)");
    if (unit == nullptr || !unit->is_string() || !UnitOf(unit->get<std::string>(), &u)) {
      return Error(where + ".unit", "none, nanoseconds, microseconds, milliseconds, seconds or bytes");
    }
    size_t t = TypeIndex(u);
    const Json* name = FindMember(p, "name");
    Label label{b_.InternString("profile"), b_.InternString(name && name->is_string() ? name->get_ref<const std::string&>() : "")};
    LabelSetId labels = b_.InternLabels({&label, 1});
    values_.assign(b_.sample_type_count(), 0);
    if (*type == "sampled") {
      if (!arrays.has_samples) return Error(where + ".samples", "an array of stacks");
      const Json* weights_member = FindMember(p, "weights");
      if (weights_member != nullptr && (!arrays.has_weights || arrays.weights.size() != arrays.samples())) {
        return Error(where + ".weights", "one weight per sample");
      }
      for (size_t s = 0; s < arrays.samples(); ++s) {
        auto at = [&] { return where + ".samples[" + std::to_string(s) + "]"; };
        if (!arrays.is_stack[s]) return Error(at(), "an array of frame indexes");
        stack_.clear();
        const size_t first = arrays.sample_starts[s];
        for (size_t f = arrays.sample_end(s); f-- > first;) {  // root first in the file, leaf first here
          PROFLENS_ASSIGN_OR_RETURN(LocationId loc, Frame(arrays.sample_frames[f], [&] { return at() + "[" + std::to_string(f - first) + "]"; }));
          stack_.push_back(loc);
        }
        int64_t weight = 1;
        if (weights_member != nullptr) {
          Result<int64_t> w =
              Scaled(arrays.weights[s], u.scale, [&] { return where + ".weights[" + std::to_string(s) + "]"; });
          if (!w.ok()) return w.status();
          weight = *w;
        }
        values_[t] = weight;
        b_.AddSample(b_.InternStack(stack_), labels, values_);
        ++records_;
      }
      return Status::Ok();
    }
    if (*type != "evented") return Error(where + ".type", "\"sampled\" or \"evented\"");
    if (!arrays.has_events) return Error(where + ".events", "an array of events");
    TimelineLane* lane = nullptr;
    if (timeline_ != nullptr) {
      lane = &timeline_->lanes.emplace_back();
      lane->name = name && name->is_string() ? name->get<std::string>() : where;
      timeline_->unit = u.unit;
    }
    Timeline timeline(b_, t, labels, lane);
    for (size_t e = 0; e < arrays.events.size(); ++e) {
      const SpeedscopeEvent& ev = arrays.events[e];
      auto at = [&] { return where + ".events[" + std::to_string(e) + "]"; };
      if (ev.type == 0 || ev.frame.is_discarded() || ev.at.is_discarded()) {
        return Error(at(), "an event {\"type\": \"O\" or \"C\", \"frame\", \"at\"}");
      }
      PROFLENS_ASSIGN_OR_RETURN(LocationId loc, Frame(ev.frame, [&] { return at() + ".frame"; }));
      Result<int64_t> time = Scaled(ev.at, u.scale, [&] { return at() + ".at"; });
      if (!time.ok()) return time.status();
      if (ev.type == 'O') {
        timeline.Open(loc, *time);
      } else if (!timeline.Close(loc, *time)) {
        return Error(at(), "to close the innermost open frame (speedscope events nest)");
      }
      ++records_;
    }
    if (timeline.depth() != 0) return Error(where + ".events", "a \"C\" event for every \"O\" event");
    return Status::Ok();
  }

  size_t TypeIndex(const UnitType& u) {
    for (size_t i = 0; i < types_.size(); ++i) {
      if (types_[i] == u.type) return i;
    }
    types_.push_back(u.type);
    b_.AddSampleType(u.type, u.unit);
    if (types_.size() == 1) b_.profile().default_sample_type = b_.InternString(u.type);
    return types_.size() - 1;
  }

  TimelineRecording* timeline_;
  ProfileBuilder b_;
  uint64_t records_ = 0;
  std::vector<LocationId> frames_;
  std::vector<std::string> types_;
  std::vector<LocationId> stack_;
  std::vector<int64_t> values_;
};

const char* SpeedscopeUnit(std::string_view unit) {
  for (const char* u : {"nanoseconds", "microseconds", "milliseconds", "seconds", "bytes"}) {
    if (unit == u) return u;
  }
  return "none";
}

}  // namespace

Result<Profile> ReadSpeedscope(std::string_view json, TimelineRecording* timeline) {
  return SpeedscopeReader(timeline).Run(json);
}

Status WriteSpeedscope(const Profile& profile, std::ostream& out) {
  // A frame per function and line (and per unsymbolized binary), named as
  // the input wrote it, so folded -> speedscope -> folded gives the names back.
  std::vector<std::string> frames;
  std::unordered_map<uint64_t, size_t> frame_of;  // by function id << 32 | line
  std::unordered_map<std::string, size_t> named;   // frames without a function, by name
  auto frame = [&](uint64_t key, auto make) {
    auto [it, added] = frame_of.try_emplace(key, frames.size());
    if (added) frames.push_back(make());
    return it->second;
  };
  auto named_frame = [&](const std::string& name) {
    auto [it, added] = named.try_emplace(name, frames.size());
    if (added) frames.push_back(Json{{"name", name}}.dump(-1, ' ', false, Json::error_handler_t::replace));
    return it->second;
  };
  std::vector<std::vector<size_t>> stacks(profile.stacks.size());
  for (size_t s = 0; s < profile.stacks.size(); ++s) {
    auto locs = profile.StackOf(static_cast<StackId>(s));
    for (size_t i = locs.size(); i-- > 0;) {
      const Location& loc = profile.locations[locs[i]];
      auto lines = profile.LinesOf(loc);
      if (lines.empty() || lines[0].function == kNoId) {
        // No function: the binary's name in brackets, as top names such a node ("[libc.so.6]").
        std::string_view file = loc.mapping != kNoId ? profile.str(profile.mappings[loc.mapping].file) : "";
        stacks[s].push_back(named_frame(file.empty() ? "<unknown>" : "[" + std::string(BaseName(file)) + "]"));  // as top names it
        continue;
      }
      for (size_t l = lines.size(); l-- > 0;) {  // the outer function first
        const Function& fn = profile.functions[lines[l].function];
        const int64_t line = lines[l].line != 0 ? lines[l].line : fn.start_line;
        const uint64_t key = uint64_t{lines[l].function} << 32 | static_cast<uint32_t>(line);
        stacks[s].push_back(frame(key, [&] {
          const StringId name = fn.system_name != 0 ? fn.system_name : fn.name;
          Json f{{"name", std::string(profile.str(name))}};
          if (fn.filename != 0) f["file"] = std::string(profile.str(fn.filename));
          if (line != 0) f["line"] = line;
          return f.dump(-1, ' ', false, Json::error_handler_t::replace);
        }));
      }
    }
  }
  // Root frames kept as labels (a sampler's process and thread) go back on top.
  std::vector<std::vector<size_t>> roots(profile.label_sets.size());
  for (size_t set = 0; set < profile.label_sets.size(); ++set) {
    std::string process, thread;
    for (const Label& l : profile.LabelsOf(static_cast<LabelSetId>(set))) {
      if (profile.str(l.key) == kProcessFrameLabel) process = profile.str(l.str);
      if (profile.str(l.key) == kThreadFrameLabel) thread = profile.str(l.str);
    }
    if (!process.empty()) roots[set].push_back(named_frame(process));
    if (!thread.empty()) roots[set].push_back(named_frame(thread));
  }
  out << "{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\"exporter\":\"proflens\",\"shared\":{\"frames\":[";
  for (size_t i = 0; i < frames.size(); ++i) out << (i ? ",\n" : "\n") << frames[i];
  out << "]},\"profiles\":[";
  for (size_t t = 0; t < profile.sample_types.size(); ++t) {
    std::string type(profile.str(profile.sample_types[t].type));
    std::string unit(profile.str(profile.sample_types[t].unit));
    int64_t total = 0;
    for (size_t s = 0; s < profile.samples.size(); ++s) total = SaturatingAdd(total, profile.ValuesOf(s)[t]);
    out << (t ? ",\n" : "\n") << "{\"type\":\"sampled\",\"name\":" << Json(type).dump(-1, ' ', false, Json::error_handler_t::replace)
        << ",\"unit\":\"" << SpeedscopeUnit(unit) << "\",\"startValue\":0,\"endValue\":" << total << ",\"samples\":[";
    bool first = true;
    for (size_t s = 0; s < profile.samples.size(); ++s) {
      if (profile.ValuesOf(s)[t] == 0) continue;
      out << (first ? "\n[" : ",\n[");
      first = false;
      bool comma = false;
      for (size_t f : roots[profile.samples[s].labels]) out << (std::exchange(comma, true) ? "," : "") << f;
      for (size_t f : stacks[profile.samples[s].stack]) out << (std::exchange(comma, true) ? "," : "") << f;
      out << ']';
    }
    out << "],\"weights\":[";
    first = true;
    for (size_t s = 0; s < profile.samples.size(); ++s) {
      int64_t v = profile.ValuesOf(s)[t];
      if (v == 0) continue;
      out << (first ? "" : ",") << v;
      first = false;
    }
    out << "]}";
  }
  out << "],\"activeProfileIndex\":" << (profile.sample_types.empty() ? 0 : profile.DefaultSampleIndex()) << "}\n";
  return Status::Ok();
}

}  // namespace proflens
