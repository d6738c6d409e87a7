#include "analyzer/call_graph.h"

#include <cinttypes>
#include <cstdio>
#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "analyzer/hash.h"
#include "analyzer/stack_runs.h"
#include "analyzer/task.h"
#include "analyzer/symbol_names.h"
#include "analyzer/units.h"

namespace proflens {

namespace {

// Lexical cleaning of a path, as Go's filepath.Clean does it: collapses "//",
// drops "." elements and resolves ".." where a parent is known.
std::string CleanPath(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    i = j + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

// What a label set contributes to node tags: its "key:value" pairs sorted and
// joined, and the values of its numeric "bytes" labels.
struct LabelSetTags {
  std::string joined;
  std::vector<std::pair<int64_t, std::string>> bytes;  // value, unit
  // Each tag this label set adds to a node, as a dense key: equal texts
  // (label sets that differ only in what tags leave out) share a key, so the
  // walk looks tags up by number, never by text.
  uint32_t joined_key = UINT32_MAX;
  std::vector<uint32_t> byte_keys;
  std::vector<std::string> byte_names;  // "4kB": the byte value as tags print it
};

std::vector<LabelSetTags> BuildLabelSetTags(const Profile& p) {
  std::vector<LabelSetTags> out(p.label_sets.size());
  for (size_t id = 0; id < p.label_sets.size(); ++id) {
    std::vector<std::string> pairs;
    for (const Label& l : p.LabelsOf(static_cast<LabelSetId>(id))) {
      std::string_view key = p.str(l.key);
      if (key == kDiffBaseLabel) continue;  // pprof drops it before drawing tags
      if (l.str != 0) {
        pairs.push_back(std::string(key) + ":" + std::string(p.str(l.str)));
      } else if (key == "bytes") {
        out[id].bytes.emplace_back(l.num, l.num_unit != 0 ? std::string(p.str(l.num_unit)) : "bytes");
      }
    }
    std::sort(pairs.begin(), pairs.end());
    for (size_t i = 0; i < pairs.size(); ++i) out[id].joined += (i ? "\\n" : "") + pairs[i];
  }
  std::unordered_map<std::string, uint32_t> keys;
  auto key = [&keys](std::string text) { return keys.try_emplace(std::move(text), static_cast<uint32_t>(keys.size())).first->second; };
  for (LabelSetTags& set : out) {
    if (!set.joined.empty()) set.joined_key = key(set.joined);
    for (const auto& [value, unit] : set.bytes) {
      set.byte_names.push_back(ScaledLabel(value, unit, "minimum"));
      set.byte_keys.push_back(key(set.joined + '\0' + set.byte_names.back()));
    }
  }
  return out;
}

// Node tags summed by one run of the walk (call-graph pictures of labeled
// profiles): one row per (node, tag) in the order they first appear, found by
// (node, tag key) in a table of every pair when that is small (a few threads'
// worth of keys), else in a hash map. A row remembers the label set that made
// it, which says what the tag is when the graph gets it.
class TagSums {
 public:
  TagSums(const std::vector<LabelSetTags>& set_tags, size_t keys, size_t nodes, size_t width)
      : set_tags_(set_tags), keys_(keys), width_(width) {
    if (nodes * keys <= (size_t{4} << 20)) dense_.assign(nodes * keys, 0);
  }

  // Adds one sample's values (width_ of them) to a node's tags of its label
  // set, to their flat or their cum.
  void Add(uint32_t node, LabelSetId set, const int64_t* values, bool flat) {
    const LabelSetTags& tags = set_tags_[set];
    if (tags.joined_key != UINT32_MAX) AddTo(Row{node, tags.joined_key, set, -1}, values, flat);
    for (size_t b = 0; b < tags.byte_keys.size(); ++b) {
      AddTo(Row{node, tags.byte_keys[b], set, static_cast<int32_t>(b)}, values, flat);
    }
  }

  // Adds the rows of a later run of samples: new ones join after these, in
  // their order, as one walk over both runs would have made them.
  void AddLater(const TagSums& later) {
    for (size_t r = 0; r < later.rows_.size(); ++r) {
      const size_t at = RowOf(later.rows_[r]);
      for (size_t t = 0; t < width_; ++t) {
        flat_[at * width_ + t] = SaturatingAdd(flat_[at * width_ + t], later.flat_[r * width_ + t]);
        cum_[at * width_ + t] = SaturatingAdd(cum_[at * width_ + t], later.cum_[r * width_ + t]);
      }
    }
  }

  // The nodes' tags, each node's in the order they first appeared.
  void AddToGraph(CallGraph& graph) const {
    for (size_t r = 0; r < rows_.size(); ++r) {
      const Row& row = rows_[r];
      const LabelSetTags& set = set_tags_[row.set];
      NodeTag tag;
      if (row.byte < 0) {
        tag.name = set.joined;
      } else {
        const size_t b = static_cast<size_t>(row.byte);
        tag.name = set.byte_names[b];
        tag.label_set = set.joined;
        tag.numeric = true;
        tag.value = set.bytes[b].first;
        tag.unit = set.bytes[b].second;
      }
      tag.flat.assign(flat_.begin() + r * width_, flat_.begin() + (r + 1) * width_);
      tag.cum.assign(cum_.begin() + r * width_, cum_.begin() + (r + 1) * width_);
      graph.nodes[row.node].tags.push_back(std::move(tag));
    }
  }

 private:
  struct Row {
    uint32_t node, key;
    LabelSetId set;  // the label set of the sample that made the row
    int32_t byte;    // which of its byte values, or -1: its joined labels
  };

  // The index of the row of (node, key), appended with zeros when new.
  size_t RowOf(const Row& row) {
    uint32_t& slot = dense_.empty() ? index_[uint64_t{row.node} << 32 | row.key] : dense_[size_t{row.node} * keys_ + row.key];
    if (slot == 0) {
      rows_.push_back(row);
      slot = static_cast<uint32_t>(rows_.size());
      flat_.resize(flat_.size() + width_, 0);
      cum_.resize(cum_.size() + width_, 0);
    }
    return slot - 1;
  }

  void AddTo(const Row& row, const int64_t* values, bool flat) {
    const size_t at = RowOf(row);  // before the data pointer: a new row moves it
    int64_t* target = (flat ? flat_ : cum_).data() + at * width_;
    for (size_t t = 0; t < width_; ++t) target[t] = SaturatingAdd(target[t], values[t]);
  }

  const std::vector<LabelSetTags>& set_tags_;
  size_t keys_, width_;
  std::vector<uint32_t> dense_;                   // node * keys + key -> row + 1 (0: none yet)
  std::unordered_map<uint64_t, uint32_t> index_;  // the same, by (node << 32 | key), when dense is too big
  std::vector<Row> rows_;
  std::vector<int64_t> flat_, cum_;  // width_ per row
};

// The number of tag keys of these label sets' tags.
size_t TagKeyCount(const std::vector<LabelSetTags>& set_tags) {
  size_t keys = 0;
  for (const LabelSetTags& s : set_tags) {
    if (s.joined_key != UINT32_MAX) keys = std::max<size_t>(keys, s.joined_key + 1);
    for (uint32_t k : s.byte_keys) keys = std::max<size_t>(keys, k + 1);
  }
  return keys;
}

// Call edges by (caller << 32 | callee) while a graph is summed: each slot
// holds the key, the edge id and the last sample that crossed the edge, so
// the per-frame lookup and the once-per-sample check read one slot. (An
// InternTable plus a stamp array would read two places per frame; this walk
// is the hottest loop of every graph report.)
class EdgeTable {
 public:
  struct Slot {
    uint64_t key = kEmptyKey;
    uint32_t id = 0;
    uint32_t stamp = UINT32_MAX;
  };

  // The slot of `key`, made with id `next_id` when new (*inserted is set).
  Slot& FindOrInsert(uint64_t key, uint32_t next_id, bool* inserted) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = HashMix(key) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.key == key) {
        *inserted = false;
        return slot;
      }
      if (slot.key == kEmptyKey) {
        slot.key = key;
        slot.id = next_id;
        ++size_;
        *inserted = true;
        return slot;
      }
    }
  }

 private:
  static constexpr uint64_t kEmptyKey = UINT64_MAX;  // no edge joins kNoId to kNoId

  void Grow() {
    std::vector<Slot> slots(slots_.empty() ? 1024 : slots_.size() * 2);
    const size_t mask = slots.size() - 1;
    for (const Slot& s : slots_) {
      if (s.key == kEmptyKey) continue;
      size_t i = HashMix(s.key) & mask;
      while (slots[i].key != kEmptyKey) i = (i + 1) & mask;
      slots[i] = s;
    }
    slots_.swap(slots);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

// Each location line's node, from step 1 of a build: kNoId when not kept.
struct LineNodes {
  static constexpr uint32_t kSeveral = kNoId - 1;  // in `single`: see `first`
  std::vector<uint32_t> single;  // by location: the node of its one line, or kNoId, or kSeveral
  std::vector<uint32_t> first;   // by location: where its lines' nodes start in `nodes` (outermost last)
  std::vector<uint32_t> nodes;

  // Calls visit(node, innermost) for location `loc`'s nodes, outermost
  // first; a line with no node (dropped) sets `residual` instead.
  template <typename Visit>
  void ForEach(LocationId loc, bool& residual, Visit&& visit) const {
    const uint32_t one = single[loc];
    if (one < kSeveral) {
      visit(one, true);
    } else if (one == kNoId) {
      residual = true;
    } else {
      const uint32_t begin = first[loc], end = first[loc + 1];
      for (uint32_t k = end; k-- > begin;) {
        const uint32_t n = nodes[k];
        if (n == kNoId) {
          residual = true;
        } else {
          visit(n, k == end - 1);
        }
      }
    }
  }
};


// What the walk sums: one row of `types` values per node or edge.
struct GraphSums {
  GraphSums(size_t types, size_t first, size_t count, size_t nodes)
      : types(types), first(first), count(count), flat(nodes * types, 0), cum(nodes * types, 0),
        node_stamp(nodes, UINT32_MAX) {}
  size_t types;        // values in a row
  size_t first, count;  // the sample types summed: [first, first + count)
  std::vector<int64_t> flat, cum;
  std::vector<uint32_t> node_stamp;  // the last sample that added to the node's cum
  std::vector<uint64_t> edge_keys;   // (caller << 32) | callee, by edge id
  std::vector<int64_t> edge_weight;
  std::vector<uint8_t> edge_flags;
  EdgeTable edge_ids;
  std::optional<TagSums> tags;  // when the graph has node tags

  // The slot of edge `key`; a new edge gets its id and rows of zeros.
  EdgeTable::Slot& Edge(uint64_t key) {
    bool inserted = false;
    EdgeTable::Slot& slot = edge_ids.FindOrInsert(key, static_cast<uint32_t>(edge_keys.size()), &inserted);
    if (inserted) {
      edge_keys.push_back(key);
      edge_weight.resize(edge_weight.size() + types, 0);
      edge_flags.resize(edge_flags.size() + types, 0);
    }
    return slot;
  }
};

// Adds the sums of a later run of samples to those of the run before it:
// node rows add up, and its edges join after the earlier run's, in the order
// they first appear, so ids come out as one walk over both runs gives them.
void AddLaterSums(const GraphSums& later, GraphSums& sums) {
  for (size_t i = 0; i < sums.flat.size(); ++i) {
    sums.flat[i] = SaturatingAdd(sums.flat[i], later.flat[i]);
    sums.cum[i] = SaturatingAdd(sums.cum[i], later.cum[i]);
  }
  const size_t types = sums.types;
  for (size_t e = 0; e < later.edge_keys.size(); ++e) {
    const uint32_t id = sums.Edge(later.edge_keys[e]).id;
    for (size_t t = 0; t < types; ++t) {
      int64_t& weight = sums.edge_weight[size_t{id} * types + t];
      weight = SaturatingAdd(weight, later.edge_weight[e * types + t]);
      sums.edge_flags[size_t{id} * types + t] |= later.edge_flags[e * types + t];
    }
  }
  if (sums.tags) sums.tags->AddLater(*later.tags);
}

// Step 2 of a build: walks each sample root to leaf. Stamps make "seen in
// this sample" O(1) without clearing a set per sample. kTypes is the number
// of sample types when it is known at compile time (1, the common case), or 0.
template <size_t kTypes>
void SumSamples(const Profile& profile, size_t begin, size_t end, const LineNodes& lines, GraphSums& sums) {
  // Rows are sums.types wide; the types summed are [sums.first, sums.first + types).
  const size_t width = sums.types, first_type = sums.first;
  const size_t types = kTypes != 0 ? kTypes : sums.count;
  TagSums* const tags = sums.tags ? &*sums.tags : nullptr;
  auto add_row = [types](int64_t* row, const int64_t* values) {
    for (size_t t = 0; t < types; ++t) row[t] = SaturatingAdd(row[t], values[t]);
  };
  for (size_t s = begin; s < end; ++s) {
    const int64_t* values = profile.ValuesOf(s).data() + first_type;
    bool any = false;
    for (size_t t = 0; t < types; ++t) any |= values[t] != 0;
    if (!any) continue;
    const uint32_t stamp = static_cast<uint32_t>(s);
    const LabelSetId labels = profile.samples[s].labels;
    uint32_t parent = kNoId;
    bool residual = false;
    // One kept frame; `outermost`: the location's outermost line, a real
    // call (an edge into any other line is an inlined call).
    auto visit = [&](uint32_t n, bool outermost) {
      if (sums.node_stamp[n] != stamp) {
        sums.node_stamp[n] = stamp;
        add_row(&sums.cum[size_t{n} * width + first_type], values);
        if (tags != nullptr) tags->Add(n, labels, values - first_type, false);
      }
      if (parent != kNoId && n != parent) {
        EdgeTable::Slot& slot = sums.Edge((uint64_t{parent} << 32) | n);
        if (slot.stamp != stamp) {
          slot.stamp = stamp;
          const uint8_t flags = kEdgePresent | (outermost ? kEdgeNotInline : 0) | (residual ? kEdgeResidual : 0);
          int64_t* weight = &sums.edge_weight[size_t{slot.id} * width + first_type];
          uint8_t* flag = &sums.edge_flags[size_t{slot.id} * width + first_type];
          for (size_t t = 0; t < types; ++t) {
            weight[t] = SaturatingAdd(weight[t], values[t]);
            if (values[t] != 0) flag[t] |= flags;
          }
        }
      }
      parent = n;
      residual = false;
    };
    auto stack = profile.StackOf(profile.samples[s].stack);
    for (size_t i = stack.size(); i-- > 0;) {
      lines.ForEach(stack[i], residual, visit);
    }
    if (parent != kNoId && !residual) {
      add_row(&sums.flat[size_t{parent} * width + first_type], values);
      if (tags != nullptr) tags->Add(parent, labels, values - first_type, true);
    }
  }
}

// Step 2 where stacks share their storage (nested trace events: see
// stack_runs.h): the samples of a run are suffixes of one stored stack, so
// one walk from its outermost frame in visits each stored frame once. A
// node or edge gets, where it first appears on the way in, the values of
// every sample whose stack reaches that frame (a running sum from the
// innermost sample out); flat goes where a sample's stack ends. The same
// sums as SumSamples.
void SumRuns(const Profile& profile, const StackRuns& runs, const LineNodes& lines, GraphSums& sums) {
  const size_t width = sums.types, first_type = sums.first, types = sums.count;
  TagSums* const tags = sums.tags ? &*sums.tags : nullptr;
  std::vector<int64_t> ends, reach;  // rows of `width` by position: samples ending there, and reaching it
  std::vector<uint8_t> nonzero;      // by position and type: a sample reaching it has a value there
  std::vector<uint8_t> ending;       // by position: a sample with a value ends there
  for (uint32_t r = 0; r < runs.runs.size(); ++r) {
    const StackRun& run = runs.runs[r];
    // The innermost frame a sample with a value reaches: the walk stops there.
    uint32_t lo = run.end;
    for (uint32_t k = 0; k < run.samples; ++k) {
      const uint32_t s = runs.order[run.first_sample + k];
      const int64_t* values = profile.ValuesOf(s).data() + first_type;
      bool any = false;
      for (size_t t = 0; t < types; ++t) any |= values[t] != 0;
      if (any) lo = std::min(lo, profile.stacks[profile.samples[s].stack].first);
    }
    if (lo == run.end) continue;
    const size_t length = run.end - lo;
    ends.assign(length * width, 0);
    reach.assign(length * width, 0);
    nonzero.assign(length * width, 0);
    ending.assign(length, 0);
    for (uint32_t k = 0; k < run.samples; ++k) {
      const uint32_t s = runs.order[run.first_sample + k];
      const uint32_t first = profile.stacks[profile.samples[s].stack].first;
      const int64_t* values = profile.ValuesOf(s).data();
      bool any = false;
      for (size_t t = first_type; t < first_type + types; ++t) any |= values[t] != 0;
      if (!any) continue;  // adds nothing, as in SumSamples
      ending[first - lo] = 1;
      // Every type, as the tags take a sample's whole row.
      for (size_t t = 0; t < width; ++t) {
        int64_t& e = ends[(first - lo) * width + t];
        e = SaturatingAdd(e, values[t]);
        nonzero[(first - lo) * width + t] |= values[t] != 0;
      }
    }
    for (size_t i = 0; i < length; ++i) {
      for (size_t t = 0; t < width; ++t) {
        const int64_t below = i == 0 ? 0 : reach[(i - 1) * width + t];
        reach[i * width + t] = SaturatingAdd(below, ends[i * width + t]);
        if (i > 0) nonzero[i * width + t] |= nonzero[(i - 1) * width + t];
      }
    }
    const StackView stack = profile.stack_locations.View(lo, length);
    uint32_t parent = kNoId;
    bool residual = false;
    const int64_t* values = nullptr;  // the row of the frame being visited
    const uint8_t* seen = nullptr;
    auto visit = [&](uint32_t n, bool outermost) {
      if (sums.node_stamp[n] != r) {
        sums.node_stamp[n] = r;
        for (size_t t = first_type; t < first_type + types; ++t) {
          sums.cum[size_t{n} * width + t] = SaturatingAdd(sums.cum[size_t{n} * width + t], values[t]);
        }
        if (tags != nullptr) tags->Add(n, run.labels, values, false);
      }
      if (parent != kNoId && n != parent) {
        EdgeTable::Slot& slot = sums.Edge((uint64_t{parent} << 32) | n);
        if (slot.stamp != r) {
          slot.stamp = r;
          const uint8_t flags = kEdgePresent | (outermost ? kEdgeNotInline : 0) | (residual ? kEdgeResidual : 0);
          for (size_t t = first_type; t < first_type + types; ++t) {
            int64_t& weight = sums.edge_weight[size_t{slot.id} * width + t];
            weight = SaturatingAdd(weight, values[t]);
            if (seen[t] != 0) sums.edge_flags[size_t{slot.id} * width + t] |= flags;
          }
        }
      }
      parent = n;
      residual = false;
    };
    for (size_t i = length; i-- > 0;) {
      values = &reach[i * width];
      seen = &nonzero[i * width];
      lines.ForEach(stack[i], residual, visit);
      // Samples whose stack ends here: flat, as SumSamples gives it.
      if (ending[i] != 0 && parent != kNoId && !residual) {
        const int64_t* here = &ends[i * width];
        for (size_t t = first_type; t < first_type + types; ++t) {
          sums.flat[size_t{parent} * width + t] = SaturatingAdd(sums.flat[size_t{parent} * width + t], here[t]);
        }
        if (tags != nullptr) tags->Add(parent, run.labels, here, true);
      }
    }
  }
}

}  // namespace

NodeInfo InfoForLine(const Profile& p, const Location& loc, const Line* line, Granularity g) {
  bool keep_name = g != Granularity::kFiles;
  bool keep_file = g != Granularity::kFunctions;
  bool keep_line = g == Granularity::kLines || g == Granularity::kAddresses;
  bool keep_address = g == Granularity::kAddresses;

  NodeInfo info;
  std::string_view objfile;
  if (loc.mapping != kNoId) objfile = p.str(p.mappings[loc.mapping].file);
  if (keep_address) info.address = loc.address;
  if (line == nullptr || line->function == kNoId) {
    info.objfile = objfile;
    return info;
  }
  const Function& fn = p.functions[line->function];
  if (keep_line) info.line = line->line;
  if (keep_name) info.name = p.str(fn.name);
  if (keep_file && fn.filename != 0) info.file = CleanPath(p.str(fn.filename));
  if (info.name.empty()) {
    // Without a name, the binary is what tells nodes apart.
    info.objfile = objfile;
    info.start_line = fn.start_line;
  }
  return info;
}

Result<Granularity> ParseGranularity(std::string_view name) {
  if (name == "functions") return Granularity::kFunctions;
  if (name == "filefunctions") return Granularity::kFileFunctions;
  if (name == "files") return Granularity::kFiles;
  if (name == "lines") return Granularity::kLines;
  if (name == "addresses") return Granularity::kAddresses;
  return Status::Usage("unknown granularity \"" + std::string(name) +
                       "\" (expected functions, filefunctions, files, lines or addresses)");
}

std::string NodeInfo::PrintableName() const {
  std::string out;
  auto add = [&out](std::string_view part) {
    if (!out.empty()) out += ' ';
    out += part;
  };
  if (address != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, address);
    add(buf);
  }
  const std::string file_line = line != 0 ? file + ":" + std::to_string(line) : "";
  // A function named by its place (tracemalloc's frames) is not named twice.
  if (!name.empty() && (line == 0 || name != file_line)) add(name);
  if (line != 0) {
    add(file_line);
  } else if (!file.empty()) {
    add(file);
  } else if (!name.empty()) {
    // The function name says it all.
  } else if (!objfile.empty()) {
    add("[" + std::string(BaseName(objfile)) + "]");  // as pprof names it, "[[unknown]]" included
  } else {
    add("<unknown>");
  }
  return out;
}

std::string NodeInfo::Key() const {
  std::string key = name;
  key += '\0';
  key += file;
  key += '\0';
  key += std::to_string(line) + ':' + std::to_string(start_line) + ':' + std::to_string(address);
  key += '\0';
  key += objfile;
  return key;
}

SourceInfo BuildSourceInfo(const Profile& profile) {
  SourceInfo source;
  if (!profile.mappings.empty()) {
    source.main_binary = profile.str(profile.mappings[0].file);
    source.build_id = profile.str(profile.mappings[0].build_id);
  }
  for (StringId c : profile.comments) source.comments.emplace_back(profile.str(c));
  source.time_nanos = profile.time_nanos;
  source.duration_nanos = profile.duration_nanos;
  return source;
}

CallGraph CopyWithoutTags(const CallGraph& graph) {
  CallGraph copy;
  copy.sample_types = graph.sample_types;
  copy.edges = graph.edges;
  copy.totals = graph.totals;
  copy.has_calls = graph.has_calls;
  copy.source = graph.source;
  copy.nodes.reserve(graph.nodes.size());
  for (const CallGraphNode& n : graph.nodes) {
    CallGraphNode& node = copy.nodes.emplace_back();
    node.info = n.info;
    node.name = n.name;
    node.flat = n.flat;
    node.cum = n.cum;
    node.calls = n.calls;
    node.primitive_calls = n.primitive_calls;
  }
  return copy;
}

CallGraph BuildCallGraph(const Profile& profile, const CallGraphOptions& options) {
  CallGraph graph;
  const size_t types = profile.sample_types.size();
  for (const ValueType& t : profile.sample_types) {
    graph.sample_types.push_back({std::string(profile.str(t.type)), std::string(profile.str(t.unit))});
  }
  graph.totals = profile.Totals();
  graph.source = BuildSourceInfo(profile);

  // Step 1: map every location line to its node (kNoId when not kept), as
  // pprof's CreateNodes does, so the per-sample walk does no lookups by name.
  std::unordered_map<std::string, uint32_t> node_by_key;
  // Room for every node at once (a profile of 1e5 distinct frames would
  // otherwise move its nodes as the vector doubles): at most one per
  // location line; at function and file granularities one per function and
  // one per binary (frames without a name); only kept ones. (A hint: more
  // nodes would only grow the vector.)
  size_t most = 0;
  for (const Location& loc : profile.locations) most += std::max<size_t>(loc.line_count, 1);
  if (options.granularity != Granularity::kLines && options.granularity != Granularity::kAddresses) {
    most = std::min(most, profile.functions.size() + profile.mappings.size() + 1);
  }
  if (options.kept != nullptr) most = std::min(most, options.kept->size());
  graph.nodes.reserve(most);
  node_by_key.reserve(most);
  LineNodes lines;
  lines.single.resize(profile.locations.size());
  lines.first.resize(profile.locations.size() + 1, 0);
  for (size_t l = 0; l < profile.locations.size(); ++l) {
    const Location& loc = profile.locations[l];
    lines.first[l] = static_cast<uint32_t>(lines.nodes.size());
    auto loc_lines = profile.LinesOf(loc);
    size_t count = loc_lines.empty() ? 1 : loc_lines.size();
    for (size_t i = 0; i < count; ++i) {
      NodeInfo info = InfoForLine(profile, loc, loc_lines.empty() ? nullptr : &loc_lines[i], options.granularity);
      std::string key = info.Key();
      if (options.kept != nullptr && !options.kept->count(key)) {
        lines.nodes.push_back(kNoId);
        continue;
      }
      auto [it, inserted] = node_by_key.try_emplace(std::move(key), static_cast<uint32_t>(graph.nodes.size()));
      if (inserted) {
        CallGraphNode node;
        node.name = info.PrintableName();
        node.info = std::move(info);  // flat and cum come from the walk's sums below
        graph.nodes.push_back(std::move(node));
      }
      lines.nodes.push_back(it->second);
    }
    lines.single[l] = count == 1 ? lines.nodes.back() : LineNodes::kSeveral;
  }
  lines.first[profile.locations.size()] = static_cast<uint32_t>(lines.nodes.size());

  // Step 2: sum the samples into flat arrays, and into the graph at the end:
  // the walk touches no vectors of its own per node or edge.
  const size_t node_count = graph.nodes.size();
  const bool one = options.sample_index >= 0 && static_cast<size_t>(options.sample_index) < types;
  const size_t first_type = one ? static_cast<size_t>(options.sample_index) : 0;
  const size_t summed = one ? 1 : types;
  GraphSums sums(types, first_type, summed, node_count);
  std::vector<LabelSetTags> set_tags;
  if (options.tags) {
    set_tags = BuildLabelSetTags(profile);
    const size_t keys = TagKeyCount(set_tags);
    if (keys > 0) sums.tags.emplace(set_tags, keys, node_count, types);  // some label set makes tags
  }
  auto sum = [&](size_t begin, size_t end, GraphSums& into) {
    if (summed == 1) {
      SumSamples<1>(profile, begin, end, lines, into);
    } else {
      SumSamples<0>(profile, begin, end, lines, into);
    }
  };
  // Big profiles are summed in runs of samples on several threads, unless a
  // total saturates: sums are then exact whatever the grouping. (Tags and
  // edges come out in the order of one walk: see AddLaterSums.)
  const size_t samples = profile.samples.size();
  size_t runs = 1;
  if (options.threads > 1 && options.min_samples_per_thread > 0) {
    bool saturated = false;
    for (int64_t total : graph.totals) saturated |= total == INT64_MAX;
    if (!saturated) runs = std::min<size_t>(options.threads, samples / options.min_samples_per_thread);
  }
  const bool shared = options.walk == StackWalk::kRuns || (options.walk == StackWalk::kAuto && StacksShareStorage(profile));
  if (shared) {
    SumRuns(profile, BuildStackRuns(profile), lines, sums);
  } else if (runs <= 1) {
    sum(0, samples, sums);
  } else {
    std::vector<GraphSums> later(runs - 1, sums);  // empty sums, before the walk
    std::vector<std::unique_ptr<Task>> workers;
    for (size_t r = 1; r < runs; ++r) {
      workers.push_back(std::make_unique<Task>([&, r] { sum(samples * r / runs, samples * (r + 1) / runs, later[r - 1]); }));
    }
    sum(0, samples / runs, sums);
    for (size_t r = 1; r < runs; ++r) {
      workers[r - 1]->Join();
      AddLaterSums(later[r - 1], sums);
    }
  }
  for (size_t n = 0; n < node_count; ++n) {
    graph.nodes[n].flat.assign(sums.flat.begin() + n * types, sums.flat.begin() + (n + 1) * types);
    graph.nodes[n].cum.assign(sums.cum.begin() + n * types, sums.cum.begin() + (n + 1) * types);
  }
  graph.edges.resize(sums.edge_keys.size());
  for (size_t e = 0; e < sums.edge_keys.size(); ++e) {
    CallGraphEdge& edge = graph.edges[e];
    edge.caller = static_cast<uint32_t>(sums.edge_keys[e] >> 32);
    edge.callee = static_cast<uint32_t>(sums.edge_keys[e]);
    edge.weight.assign(sums.edge_weight.begin() + e * types, sums.edge_weight.begin() + (e + 1) * types);
    edge.flags.assign(sums.edge_flags.begin() + e * types, sums.edge_flags.begin() + (e + 1) * types);
  }
  if (sums.tags) sums.tags->AddToGraph(graph);
  return graph;
}

}  // namespace proflens
