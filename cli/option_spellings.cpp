#include "cli/option_spellings.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <string_view>

#include "analyzer/closest_name.h"

namespace proflens {

namespace {

struct Spelling {
  std::string_view pprof;     // without its dashes
  std::string_view proflens;  // the option it becomes, with its dashes
  std::string_view value;     // a flag's implied value ("" for options that take one)
};

// pprof's options (go tool pprof -help) whose name or form differs.
constexpr Spelling kSpellings[] = {
    {"sample_index", "--sample-index", ""}, {"si", "--sample-index", ""},
    {"alloc_space", "--sample-index", "alloc_space"}, {"inuse_space", "--sample-index", "inuse_space"},
    {"alloc_objects", "--sample-index", "alloc_objects"}, {"inuse_objects", "--sample-index", "inuse_objects"},
    {"total_delay", "--sample-index", "delay"}, {"contentions", "--sample-index", "contentions"},
    {"cum", "--sort", "cum"}, {"flat", "--sort", "flat"},
    {"nodecount", "--nodecount", ""}, {"nodefraction", "--nodefraction", ""}, {"edgefraction", "--edgefraction", ""},
    {"focus", "--focus", ""}, {"ignore", "--ignore", ""}, {"hide", "--hide", ""}, {"show", "--show", ""},
    {"show_from", "--show-from", ""}, {"prune_from", "--prune-from", ""}, {"tagfocus", "--tagfocus", ""},
    {"tagignore", "--tagignore", ""}, {"diff_base", "--base", ""}, {"base", "--base", ""},
    {"normalize", "--normalize", "-"}, {"unit", "--unit", ""}, {"output", "--output", ""},
    {"functions", "--granularity", "functions"}, {"filefunctions", "--granularity", "filefunctions"},
    {"files", "--granularity", "files"}, {"lines", "--granularity", "lines"}, {"addresses", "--granularity", "addresses"},
    {"http", "--http", ""}, {"seconds", "--seconds", ""},
    {"relative_percentages", "--relative-percentages", "-"},
    // pprof's symbolization: proflens reads the names a profile holds and
    // never symbolizes pprof profiles, which is -symbolize=none.
    {"symbolize", "", ""},
};

const Spelling* FindSpelling(std::string_view name) {
  for (const Spelling& s : kSpellings) {
    if (s.pprof == name) return &s;
  }
  return nullptr;
}

// The names an app accepts: "--long" and "-s".
void AddOptionNames(const CLI::App& app, std::vector<std::string>& names) {
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
    for (const std::string& s : o->get_snames()) names.push_back("-" + s);
  }
}

}  // namespace

std::vector<std::string> TranslatePprofSpellings(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  out.reserve(args.size());
  bool options_end = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (i == 0 || options_end || a.size() < 2 || a[0] != '-' || a == "-") {
      out.push_back(a);
      continue;
    }
    if (a == "--") {
      options_end = true;
      out.push_back(a);
      continue;
    }
    std::string_view name(a);
    name.remove_prefix(name.starts_with("--") ? 2 : 1);
    const size_t eq = name.find('=');
    std::string_view key = name.substr(0, eq);
    const Spelling* s = FindSpelling(key);
    // A single dash and one letter is a short option of ours ("-n", "-o", "-a").
    const bool ours = key.size() == 1 || (a.starts_with("--") && key.find('_') == std::string_view::npos && s != nullptr &&
                                          s->proflens == "--" + std::string(key) && s->value.empty());
    if (s == nullptr || ours) {
      out.push_back(a);
      continue;
    }
    if (s->proflens.empty()) {  // nothing to do: dropped, with its value
      if (eq == std::string_view::npos && i + 1 < args.size()) ++i;
      continue;
    }
    if (!s->value.empty()) {
      // A flag: "-alloc_space" is "--sample-index=alloc_space"; "-normalize" stays a flag.
      out.push_back(s->value == "-" ? std::string(s->proflens) : std::string(s->proflens) + "=" + std::string(s->value));
      continue;
    }
    out.push_back(eq == std::string_view::npos ? std::string(s->proflens)
                                               : std::string(s->proflens) + "=" + std::string(name.substr(eq + 1)));
  }
  return out;
}

std::string UnknownOptionMessage(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> names;
  AddOptionNames(app, names);
  for (const CLI::App* sub : app.get_subcommands()) AddOptionNames(*sub, names);  // the command given
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-' || (a[1] >= '0' && a[1] <= '9') || a[1] == '.') continue;  // values, "-3"
    const std::string word = a.substr(0, a.find('='));
    bool known = false;
    for (const std::string& n : names) known |= n == word;
    if (known) continue;
    std::vector<std::string_view> candidates(names.begin(), names.end());
    const std::string closest = ClosestName(candidates, word, std::max<size_t>(2, word.size() / 3));
    return "unknown option \"" + word + "\"" + (closest.empty() ? "" : "; did you mean \"" + closest + "\"?");
  }
  return "";
}

}  // namespace proflens
