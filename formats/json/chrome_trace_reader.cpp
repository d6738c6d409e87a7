#include "formats/json/chrome_trace_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/hash.h"
#include "analyzer/profile_builder.h"
#include "formats/json/chrome_cpu_samples.h"
#include "formats/json/json_document.h"
#include "formats/json/trace_event_sax.h"
#include "analyzer/timeline.h"

namespace proflens {

namespace {

struct Interval {
  int64_t start = 0, end = 0;  // nanoseconds
  LocationId frame = 0;
  size_t order = 0;  // position in the file, the last tie-break
};

struct Thread {
  std::vector<Interval> intervals;
  std::vector<std::pair<int64_t, size_t>> begins, ends;  // B and E events: (ts, event index)
  std::vector<LocationId> begin_frames;
  std::string name;
  int64_t last = 0;  // the latest time seen
};

// The key of a thread: (pid, tid) as text.
using ThreadKey = std::pair<std::string, std::string>;
struct ThreadKeyHash {
  size_t operator()(const ThreadKey& k) const {
    return HashCombine(std::hash<std::string>()(k.first), std::hash<std::string>()(k.second));
  }
};

// Events read in an odd way, for a note: how many and the first one.
struct Oddity {
  uint64_t count = 0;
  size_t first = SIZE_MAX;  // index in traceEvents
  void Add(size_t index) {
    ++count;
    first = std::min(first, index);
  }
};

class ChromeTraceReader {
 public:
  ChromeTraceReader(std::vector<std::string>* notes, TimelineRecording* timeline) : notes_(notes), timeline_(timeline) {}

  Result<Profile> Run(std::string_view text) {
    b_.AddSampleType("time", "nanoseconds");
    // The events are streamed: one event's JSON at a time, not the document's.
    int shape = 0;
    TraceEventSax events([this](TraceEvent& ev, size_t i) { return Event(ev, i); });
    PROFLENS_RETURN_IF_ERROR(ForEachJsonElement(text, "traceEvents", events, &shape));
    if (shape == 2) return Status::Input("traceEvents: expected an array of trace events");
    if (shape == 3) return Status::Input("the document: expected an array of trace events or an object with \"traceEvents\"");
    // CPU samples, where the trace has them, are what it is read for (as
    // speedscope reads it): V8's Profile and ProfileChunk events, or the
    // top-level "samples" with "stackFrames".
    ChromeThreadNames names;
    for (const auto& [key, thread] : threads_) {
      if (!thread.name.empty()) names[key] = thread.name;
    }
    if (!cpu_events_.empty()) {
      PROFLENS_ASSIGN_OR_RETURN(Profile cpu, ReadChromeCpuProfiles(text, cpu_events_, names, notes_));
      if (cpu.raw_sample_count > 0) return WithSamplesNote(std::move(cpu), "V8 CPU profile samples");
    }
    bool found = false;
    PROFLENS_ASSIGN_OR_RETURN(Profile sampled, ReadTraceEventSamples(text, names, &found));
    if (found && sampled.raw_sample_count > 0) return WithSamplesNote(std::move(sampled), "\"samples\" (with \"stackFrames\")");
    for (auto& [key, thread] : threads_) Emit(key, thread);
    if (notes_ != nullptr) {
      Note(stray_ends_, "\"E\" event closes", "\"E\" events close", "no open \"B\" of its thread and is left out");
      Note(unclosed_, "\"B\" event is", "\"B\" events are", "never closed and ends at its thread's last event");
      Note(cut_, "interval outlives", "intervals outlive", "the one enclosing it and is cut at its end");
      Note(tdur_, "\"X\" event has", "\"X\" events have", "no \"dur\" and lasts its \"tdur\" (thread time), as speedscope reads it");
      Note(no_dur_, "\"X\" event has", "\"X\" events have", "neither \"dur\" nor \"tdur\" and lasts 0");
    }
    Profile profile = std::move(b_).Build();
    profile.raw_sample_count = records_;  // B, E and X events read
    if (timeline_ != nullptr) {
      timeline_->unit = "nanoseconds";
      timeline_->ResolveNames(profile);
    }
    return profile;
  }

 private:
  static Status Error(size_t index, std::string_view expected) {
    return Status::Input("traceEvents[" + std::to_string(index) + "]: expected " + std::string(expected));
  }

  // The samples read instead of the duration events, which a note says are left out.
  Profile WithSamplesNote(Profile&& profile, std::string_view what) const {
    if (notes_ != nullptr && records_ > 0) {
      notes_->push_back("the trace's " + std::string(what) + " are read; its " + std::to_string(records_) +
                        " duration events (B, E, X) are left out, as speedscope leaves them");
    }
    return std::move(profile);
  }

  // A number of microseconds, or a string holding one (Hermes writes "ts": "11550183666").
  Result<int64_t> Micros(const EventMember& v, size_t index, const char* field) const {
    double us = v.number;
    if (v.kind == EventMember::kString) {
      auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), us);
      if (ec != std::errc() || end != v.text.data() + v.text.size()) {
        return Error(index, std::string("a number in \"") + field + "\"");
      }
    } else if (v.kind != EventMember::kNumber) {
      return Error(index, std::string("a number in \"") + field + "\"");
    }
    double ns = us * 1e3;
    if (!std::isfinite(ns) || std::fabs(ns) > 9.0e18) return Error(index, std::string("a finite \"") + field + "\"");
    return static_cast<int64_t>(std::llround(ns));
  }

  Status Event(TraceEvent& ev, size_t index) {
    if (!ev.object) return Error(index, "an event object");
    if (ev.ph.kind != EventMember::kString) return Error(index, "a \"ph\" (phase) string");
    const std::string_view phase = ev.ph.text;
    if (ev.name.is("Profile") || ev.name.is("ProfileChunk") || ev.name.is("CpuProfile")) {
      cpu_events_.push_back(index);  // read in a second pass, with their args
      return Status::Ok();
    }
    if (phase != "B" && phase != "E" && phase != "X" && phase != "M") return Status::Ok();
    for (const auto& [id, field] : {std::pair{&ev.pid, "pid"}, std::pair{&ev.tid, "tid"}}) {
      if (id->kind == EventMember::kTooDeep) {
        return Error(index, std::string("a \"") + field + "\" nested at most " + std::to_string(TraceEventSax::kMaxIdDepth) + " deep");
      }
    }
    ThreadKey key{std::move(ev.pid.text), std::move(ev.tid.text)};
    if (phase == "M") {
      if (ev.name.is("thread_name") && ev.args_name.kind == EventMember::kString) ThreadOf(std::move(key)).name = ev.args_name.text;
      return Status::Ok();
    }
    PROFLENS_ASSIGN_OR_RETURN(int64_t ts, Micros(ev.ts, index, "ts"));
    Thread& thread = ThreadOf(std::move(key));
    thread.last = std::max(thread.last, ts);
    ++records_;
    if (phase == "E") {
      thread.ends.push_back({ts, index});
      return Status::Ok();
    }
    if (ev.name.kind != EventMember::kString) return Error(index, "a \"name\" string");
    LocationId frame = Frame(ev.name.text);
    if (phase == "B") {
      thread.begins.push_back({ts, index});
      thread.begin_frames.push_back(frame);
      return Status::Ok();
    }
    // speedscope's rule: dur, else tdur, else 0.
    const EventMember* length = &ev.dur;
    if (ev.dur.kind == EventMember::kMissing) {
      length = &ev.tdur;
      (ev.tdur.kind == EventMember::kMissing ? no_dur_ : tdur_).Add(index);
    }
    Result<int64_t> dur = length->kind == EventMember::kMissing ? Result<int64_t>(int64_t{0}) : Micros(*length, index, length == &ev.dur ? "dur" : "tdur");
    if (!dur.ok()) return dur.status();
    if (*dur < 0) return Error(index, "a \"dur\" of 0 or more");
    thread.intervals.push_back({ts, SaturatingAdd(ts, *dur), frame, index});
    thread.last = std::max(thread.last, thread.intervals.back().end);
    return Status::Ok();
  }

  // The thread of a key, looked up by hash (the map keeps them in key order for Emit).
  Thread& ThreadOf(ThreadKey&& key) {
    auto found = thread_index_.find(key);
    if (found != thread_index_.end()) return *found->second;
    Thread& thread = threads_[key];
    thread_index_.emplace(std::move(key), &thread);
    return thread;
  }

  void Note(const Oddity& odd, const char* one, const char* many, const char* rest) const {
    if (odd.count == 0) return;
    notes_->push_back(std::to_string(odd.count) + " " + (odd.count == 1 ? one : many) + " " + rest + " (first: traceEvents[" +
                      std::to_string(odd.first) + "])");
  }

  LocationId Frame(const std::string& name) {
    auto [it, added] = frames_.try_emplace(name, 0);
    if (added) it->second = InternFrame(b_, name, "", 0);
    return it->second;
  }

  // B/E pairs to intervals: in time order (file order on ties), an E closes
  // the innermost open B of its thread; B events left open end at the
  // thread's last time.
  void PairBeginEnd(Thread& t) {
    std::vector<size_t> begin_order(t.begins.size());
    for (size_t i = 0; i < begin_order.size(); ++i) begin_order[i] = i;
    std::stable_sort(begin_order.begin(), begin_order.end(),
                     [&](size_t a, size_t b) { return t.begins[a] < t.begins[b]; });
    std::stable_sort(t.ends.begin(), t.ends.end());
    std::vector<size_t> open;  // indexes into begins
    size_t e = 0;
    auto close_until = [&](int64_t ts, size_t index, bool inclusive) {
      while (e < t.ends.size() && (t.ends[e].first < ts || (inclusive && t.ends[e].first == ts && t.ends[e].second < index))) {
        if (!open.empty()) {
          size_t b = open.back();
          open.pop_back();
          t.intervals.push_back({t.begins[b].first, t.ends[e].first, t.begin_frames[b], t.begins[b].second});
        } else {
          stray_ends_.Add(t.ends[e].second);
        }
        ++e;
      }
    };
    for (size_t b : begin_order) {
      close_until(t.begins[b].first, t.begins[b].second, true);
      open.push_back(b);
    }
    close_until(INT64_MAX, 0, false);
    while (!open.empty()) {
      size_t b = open.back();
      open.pop_back();
      unclosed_.Add(t.begins[b].second);
      t.intervals.push_back({t.begins[b].first, t.last, t.begin_frames[b], t.begins[b].second});
    }
  }

  void Emit(const ThreadKey& key, Thread& t) {
    PairBeginEnd(t);
    std::sort(t.intervals.begin(), t.intervals.end(), [](const Interval& a, const Interval& b) {
      if (a.start != b.start) return a.start < b.start;
      if (a.end != b.end) return a.end > b.end;  // the longer one encloses
      return a.order < b.order;
    });
    std::vector<Label> labels;
    if (!key.first.empty()) labels.push_back({b_.InternString("pid"), b_.InternString(key.first)});
    if (!key.second.empty()) labels.push_back({b_.InternString("tid"), b_.InternString(key.second)});
    if (!t.name.empty()) labels.push_back({b_.InternString("thread"), b_.InternString(t.name)});
    TimelineLane* lane = nullptr;
    if (timeline_ != nullptr) {
      lane = &timeline_->lanes.emplace_back();
      lane->name = !t.name.empty() ? t.name + " (pid " + key.first + ", tid " + key.second + ")"
                                   : "pid " + key.first + ", tid " + key.second;
    }
    Timeline timeline(b_, 0, b_.InternLabels(labels), lane);
    std::vector<std::pair<int64_t, LocationId>> open;  // (end, frame)
    auto close_before = [&](int64_t at) {
      while (!open.empty() && open.back().first <= at) {
        timeline.Close(open.back().second, open.back().first);
        open.pop_back();
      }
    };
    for (const Interval& iv : t.intervals) {
      close_before(iv.start);
      int64_t end = iv.end;
      if (!open.empty() && end > open.back().first) {
        end = open.back().first;
        cut_.Add(iv.order);
      }
      timeline.Open(iv.frame, iv.start);
      open.push_back({end, iv.frame});
    }
    close_before(INT64_MAX);
  }

  std::vector<std::string>* notes_;
  TimelineRecording* timeline_;
  Oddity stray_ends_, unclosed_, cut_, tdur_, no_dur_;
  std::vector<size_t> cpu_events_;  // Profile, ProfileChunk and CpuProfile events
  ProfileBuilder b_;
  uint64_t records_ = 0;
  std::map<ThreadKey, Thread> threads_;
  std::unordered_map<ThreadKey, Thread*, ThreadKeyHash> thread_index_;
  std::unordered_map<std::string, LocationId> frames_;
};

}  // namespace

Result<Profile> ReadChromeTrace(std::string_view json, std::vector<std::string>* notes, TimelineRecording* timeline) {
  return ChromeTraceReader(notes, timeline).Run(json);
}

}  // namespace proflens
