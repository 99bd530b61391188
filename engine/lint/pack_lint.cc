// LintPack: the loader's own diagnostics plus the static passes of source_scan.h and the test
// case checks below, merged and sorted by file and line.
#include "aimsgate/pack_lint.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lint/source_scan.h"
#include "lint/suggest.h"
#include "pack/pack_loader.h"

namespace aimsgate {
namespace {
namespace fs = std::filesystem;

constexpr std::string_view kCaseStatuses[] = {"pass", "fail", "insufficient_evidence",
                                              "not_applicable", "error"};

Diagnostic Make(Diagnostic::Severity severity, std::string file, uint32_t line,
                std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.location.file = std::move(file);
  d.location.line = line;
  d.message = std::move(message);
  return d;
}

// Compiles `pattern` as the `re` module does; the reason it does not, or "".
std::string RegexError(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(1 << 20);
  RE2 re(pattern, options);
  return re.ok() ? "" : re.error();
}

class Linter {
 public:
  Linter(const PackSource& source, const LoadTrace& trace) : source_(source), trace_(trace) {}

  void UnreadParams(const lint::SourceScan& scan);
  void Regexes(const lint::SourceScan& scan);
  void Cases(const std::string& tests_dir);

  std::vector<Diagnostic> diagnostics;

 private:
  // The pack-relative `file` as diagnostics name it: below the pack's directory.
  std::string Rooted(const std::string& file) const {
    if (source_.root().empty()) return file;
    std::string root = source_.root();
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    return root + "/" + file;
  }
  uint32_t DeclarationLine(const std::string& file, uint32_t from, const std::string& name) const {
    auto it = source_.files().find(file);
    return it == source_.files().end() ? from : lint::LineOfAssignment(it->second, from, name);
  }
  void LintCase(const fs::path& path);

  const PackSource& source_;
  const LoadTrace& trace_;
};

void Linter::UnreadParams(const lint::SourceScan& scan) {
  // Only what this pack declares: an inherited control or param is its own pack's business
  // (lint that pack on its own), and this pack's source would not read it anyway.
  auto own = [&](const std::string& file) { return source_.files().count(file) > 0; };
  const auto manifest = source_.files().find("pack.lua");
  for (const auto& [name, value] : trace_.info.params) {
    if (scan.params_read.count(name)) continue;
    if (manifest == source_.files().end() || manifest->second.find(name) == std::string::npos) {
      continue;
    }
    diagnostics.push_back(Make(Diagnostic::Severity::kWarning, Rooted("pack.lua"),
                               DeclarationLine("pack.lua", 1, name),
                               "pack param '" + name + "' is declared but never read"));
  }
  for (const ControlInfo& c : trace_.info.controls) {
    if (!own(c.file)) continue;
    for (const auto& [name, value] : c.params) {
      if (scan.params_read.count(name)) continue;
      diagnostics.push_back(Make(
          Diagnostic::Severity::kWarning, Rooted(c.file), DeclarationLine(c.file, c.line, name),
          "control " + c.id + ": param '" + name + "' is declared but never read"));
    }
  }
}

void Linter::Regexes(const lint::SourceScan& scan) {
  for (const lint::RegexUse& use : scan.regex_literals) {
    std::string error = RegexError(use.pattern);
    if (error.empty()) continue;
    diagnostics.push_back(
        Make(Diagnostic::Severity::kError, Rooted(use.file), use.line,
             "regular expression '" + use.pattern + "' does not compile: " + error));
  }
  // A param is a pattern if the source passes it to re.*, or if its name says so.
  auto is_pattern = [&](const std::string& name) {
    auto ends_with = [&](std::string_view suffix) {
      return name.size() >= suffix.size() &&
             name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return scan.params_as_regex.count(name) || ends_with("pattern") || ends_with("regex");
  };
  auto check = [&](const std::string& owner, const std::string& file, uint32_t from,
                   const std::map<std::string, ParamValue>& params) {
    for (const auto& [name, value] : params) {
      const auto* text = std::get_if<std::string>(&value);
      if (text == nullptr || !is_pattern(name)) continue;
      std::string error = RegexError(*text);
      if (error.empty()) continue;
      diagnostics.push_back(Make(
          Diagnostic::Severity::kError, Rooted(file), DeclarationLine(file, from, name),
          owner + "param '" + name + "' is a regular expression that does not compile: " + error));
    }
  };
  check("pack ", "pack.lua", 1, trace_.info.params);
  for (const ControlInfo& c : trace_.info.controls)
    check("control " + c.id + ": ", c.file, c.line, c.params);
}

void Linter::LintCase(const fs::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    diagnostics.push_back(Make(Diagnostic::Severity::kError, file, 0, "cannot read the test case"));
    return;
  }
  Result<JsonTree> parsed = JsonTree::Parse(text.str(), file);
  if (!parsed.ok()) {
    const Status status = parsed.status();
    for (const Diagnostic& d : status.diagnostics()) diagnostics.push_back(d);
    if (status.diagnostics().empty()) {
      diagnostics.push_back(Make(Diagnostic::Severity::kError, file, 0, status.message()));
    }
    return;
  }
  const JsonTree& tree = *parsed;
  const NodeId root = tree.root();
  const NodeId expect =
      tree.type(root) == JsonType::kObject ? tree.member(root, "expect") : kNoNode;
  if (expect == kNoNode || tree.type(expect) != JsonType::kObject || tree.size(expect) == 0) {
    diagnostics.push_back(Make(Diagnostic::Severity::kError, file, tree.line(root),
                               "test case: \"expect\" must map control ids to statuses"));
    return;
  }
  std::vector<std::string> ids;
  for (const ControlInfo& c : trace_.info.controls) ids.push_back(c.id);
  for (uint32_t i = 0; i < tree.size(expect); ++i) {
    const NodeId want = tree.child(expect, i);
    const std::string key(tree.key(want));
    const std::string control = key.substr(0, key.find('@'));
    const uint32_t line = tree.line(want);
    if (trace_.info.FindControl(control) == nullptr) {
      std::vector<std::string> near = lint::SimilarIds(control, ids, 3);
      std::string hint;
      for (const std::string& n : near) hint += (hint.empty() ? " (did you mean " : ", ") + n;
      if (!hint.empty()) hint += "?)";
      diagnostics.push_back(Make(
          Diagnostic::Severity::kError, file, line,
          "test case expects control '" + control + "', which the pack does not declare" + hint));
    }
    NodeId status = kNoNode;
    if (tree.type(want) == JsonType::kString) {
      status = want;
    } else if (tree.type(want) == JsonType::kObject) {
      status = tree.member(want, "status");
      const NodeId re = tree.member(want, "message_matches");
      if (re != kNoNode && tree.type(re) == JsonType::kString) {
        std::string error = RegexError(std::string(tree.string(re)));
        if (!error.empty()) {
          diagnostics.push_back(Make(Diagnostic::Severity::kError, file, tree.line(re),
                                     key + ": message_matches does not compile: " + error));
        }
      }
    }
    const bool known = status != kNoNode && tree.type(status) == JsonType::kString &&
                       std::find(std::begin(kCaseStatuses), std::end(kCaseStatuses),
                                 tree.string(status)) != std::end(kCaseStatuses);
    if (!known) {
      diagnostics.push_back(Make(Diagnostic::Severity::kError, file, line,
                                 key + ": expected status must be one of pass, fail, "
                                       "insufficient_evidence, not_applicable, error"));
    }
  }
}

void Linter::Cases(const std::string& tests_dir) {
  std::error_code ec;
  if (tests_dir.empty() || !fs::is_directory(tests_dir, ec)) return;
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(tests_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_directory() && it->path().filename() == "fixtures") {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && it->path().extension() == ".json") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) LintCase(f);
}

}  // namespace

size_t PackLint::errors() const {
  return static_cast<size_t>(std::count_if(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::kError; }));
}

size_t PackLint::warnings() const {
  return diagnostics.size() - errors();
}

Result<PackLint> LintPack(const PackSource& source, const std::string& tests_dir) {
  Result<std::unique_ptr<Sandbox>> box = Sandbox::Create(SandboxLimits{});
  if (!box.ok()) return box.status();
  LoadTrace trace;
  Result<LoadedPack> loaded = LoadPackInto(**box, std::vector<PackSource>{source}, {}, &trace);
  if (!loaded.ok() && loaded.status().code() == Status::Code::kInternal) return loaded.status();
  PackLint out;
  out.diagnostics = trace.errors;
  if (!loaded.ok() && trace.errors.empty()) {
    // Failed before it ran any pack code (e.g. no pack.lua): the Status says why.
    out.diagnostics = loaded.status().diagnostics();
  }
  out.diagnostics.insert(out.diagnostics.end(), trace.warnings.begin(), trace.warnings.end());

  Linter linter(source, trace);
  const lint::SourceScan scan = lint::ScanSource(source.files());
  linter.Regexes(scan);
  // What follows needs every control and param: skip it when a file stopped half-way.
  if (trace.complete) {
    linter.UnreadParams(scan);
    linter.Cases(tests_dir);
  }
  out.diagnostics.insert(out.diagnostics.end(), linter.diagnostics.begin(),
                         linter.diagnostics.end());
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.location.file != b.location.file)
                       return a.location.file < b.location.file;
                     return a.location.line < b.location.line;
                   });
  out.pack = std::move(trace.info);
  return out;
}

std::vector<std::string> SimilarControlIds(const PackInfo& pack, const std::string& id,
                                           size_t max) {
  std::vector<std::string> ids;
  for (const ControlInfo& c : pack.controls) ids.push_back(c.id);
  return lint::SimilarIds(id, ids, max);
}

}  // namespace aimsgate
