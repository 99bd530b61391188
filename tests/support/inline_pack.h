// Test support: build an Engine from inline pack files and evidence written as raw strings, and
// read findings back out of a Report, and find a load diagnostic at file:line
// (EXPECT_DIAGNOSTIC), so that a test reads like the case it checks.
//
//   InlinePack pack;
//   pack.File("annex_a/x.lua", R"lua(
//   control "A.6.2.4" { ... }
//   )lua");
//   ASSERT_LOADS(pack);  // pack.lua is generated unless the test gives its own
//   Report r = pack.Eval({Doc(R"({"kind":"model_card","schema_version":"1.0","id":"m1"})")});
//
// One leading newline of every inline text is dropped, so the first line written after R"lua(
// is line 1 in diagnostics. Nothing else is changed.
#pragma once

#include <gtest/gtest.h>
#include <regex.h>

#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/evidence.h"
#include "aimsgate/report.h"

namespace aimsgate {

// Readable values in GoogleTest failure messages.
inline void PrintTo(FindingStatus status, std::ostream* os) {
  *os << ToString(status);
}
inline void PrintTo(Severity severity, std::ostream* os) {
  *os << ToString(severity);
}

}  // namespace aimsgate

namespace aimsgate::testing {

// `text` without one leading newline.
inline std::string Src(std::string_view text) {
  if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  return std::string(text);
}

// Parses inline evidence; a parse failure is a test failure (and an empty Evidence).
inline Evidence Doc(std::string_view json, const std::string& path = "evidence.json") {
  Result<Evidence> r = ParseEvidence(Src(json), path);
  if (!r.ok()) {
    ADD_FAILURE() << "inline evidence does not parse: " << r.status().ToString();
    return Evidence{};
  }
  return std::move(r).value();
}

// A model card with `id` and one integer field "x", read from "cards/<id>.json".
inline Evidence Card(const std::string& id, int x) {
  return Doc(R"({"kind": "model_card", "schema_version": "1.0", "id": ")" + id + R"(", "x": )" +
                 std::to_string(x) + "}",
             "cards/" + id + ".json");
}

// EvalOptions for `as_of`, everything else default.
inline EvalOptions AsOf(std::string as_of) {
  EvalOptions o;
  o.as_of = std::move(as_of);
  return o;
}

// The usual manifest for a pack made of `modules`; `extra` is spliced into the pack table.
inline std::string Manifest(const std::vector<std::string>& modules,
                            const std::string& extra = "") {
  std::string out = "pack { id = \"t\", title = \"T\", version = \"0.1.0\",\n";
  if (!extra.empty()) out += "  " + extra + ",\n";
  out += "  modules = {";
  for (const std::string& m : modules) out += " \"" + m + "\",";
  out += " } }\n";
  return out;
}

// The files of one pack, and the engine built from them.
class InlinePack {
 public:
  explicit InlinePack(EngineOptions options = {}) : options_(options) {}

  // Adds or replaces a pack file. Modules (not lib/, not pack.lua) are listed in the generated
  // manifest in the order they were added.
  InlinePack& File(const std::string& path, std::string_view text) {
    if (path != "pack.lua" && path.rfind("lib/", 0) != 0 && !files_.count(path)) {
      modules_.push_back(path);
    }
    files_[path] = Src(text);
    return *this;
  }
  // Extra manifest fields for the generated pack.lua, e.g. "params = { a = 1 }".
  InlinePack& ManifestExtra(std::string extra) {
    manifest_extra_ = std::move(extra);
    return *this;
  }

  PackSource Source() const {
    std::map<std::string, std::string> files = files_;
    if (!files.count("pack.lua")) files["pack.lua"] = Manifest(modules_, manifest_extra_);
    return PackSource::FromFiles("inline", files);
  }

  // Loads the pack into a new engine; the Status says why not.
  Status Load() {
    engine_ = std::make_unique<Engine>(options_);
    return engine_->LoadPack(Source());
  }

  Engine& engine() { return *engine_; }

  // Evaluates; a failed evaluation is a test failure (and an empty Report).
  Report Eval(const std::vector<Evidence>& docs, EvalOptions options = {}) {
    if (options.as_of.empty()) options.as_of = "2026-11-24";
    if (!engine_) {
      ADD_FAILURE() << "Eval before Load";
      return Report{};
    }
    Result<Report> r = engine_->Evaluate(docs, options);
    if (!r.ok()) {
      ADD_FAILURE() << "Evaluate failed: " << r.status().ToString();
      return Report{};
    }
    return std::move(r).value();
  }

 private:
  EngineOptions options_;
  std::map<std::string, std::string> files_;
  std::vector<std::string> modules_;
  std::string manifest_extra_;
  std::unique_ptr<Engine> engine_;
};

// The findings of `control`, in report order.
inline std::vector<const Finding*> FindingsOf(const Report& r, const std::string& control) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings) {
    if (f.control == control) out.push_back(&f);
  }
  return out;
}

// The one finding of `control` about the document with `evidence_id` ("" for not_evaluated).
inline const Finding* FindingOf(const Report& r, const std::string& control,
                                const std::string& evidence_id) {
  const Finding* found = nullptr;
  for (const Finding& f : r.findings) {
    const std::string id = f.evidence ? f.evidence->id : "";
    if (f.control == control && id == evidence_id) {
      if (found != nullptr) ADD_FAILURE() << "two findings for " << control << " / " << evidence_id;
      found = &f;
    }
  }
  return found;
}

inline const Task* TaskById(const Report& r, const std::string& id) {
  for (const Task& t : r.tasks) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

// Every field of a report on its own line: compare two reports, and see the difference.
inline std::string Dump(const Report& r) {
  std::ostringstream out;
  out << "pack " << r.pack_id << " " << r.pack_version << " " << r.pack_digest << " as_of "
      << r.as_of << "\n";
  for (const EvidenceSummary& e : r.evidence) {
    out << "evidence " << e.path << " " << e.kind << " " << e.id << " " << e.digest << "\n";
  }
  out << "summary";
  for (uint32_t n : r.summary) out << " " << n;
  out << "\ngate passed=" << r.gate.passed << " blocking=" << r.gate.blocking << "\n";
  for (const Finding& f : r.findings) {
    out << "finding " << f.control << " " << ToString(f.status) << " " << ToString(f.severity)
        << " blocking=" << f.blocking;
    if (f.evidence) {
      out << " " << f.evidence->id << " " << f.evidence->pointer << " " << f.evidence->line << ":"
          << f.evidence->column;
    }
    out << " \"" << f.message << "\"";
    for (const std::string& t : f.tasks) out << " " << t;
    out << "\n";
    for (const Violation& v : f.violations) {
      out << "  violation " << ToString(v.status) << " " << v.pointer << " " << v.line << ":"
          << v.column << " \"" << v.message << "\"\n";
    }
  }
  for (const Task& t : r.tasks) {
    out << "task " << t.id << " " << t.control << " " << t.priority << " " << t.due << " "
        << t.subject << " " << t.owner << " \"" << t.title << "\"\n";
  }
  return out.str();
}

// Success iff `text` contains a match of the POSIX extended regular expression `pattern`.
inline ::testing::AssertionResult ContainsRe(const std::string& text, const std::string& pattern) {
  regex_t re;
  if (regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0) {
    return ::testing::AssertionFailure() << "bad regular expression /" << pattern << "/";
  }
  const bool found = regexec(&re, text.c_str(), 0, nullptr, 0) == 0;
  regfree(&re);
  if (found) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\" does not match /" << pattern << "/";
}

// Every diagnostic of `s`, one per line, for failure messages.
inline std::string Diagnostics(const Status& s) {
  std::string out;
  for (const Diagnostic& d : s.diagnostics()) out += d.ToString() + "\n";
  return out.empty() ? s.ToString() : out;
}

// The diagnostic of `s` at `file`:`line` whose message contains `text`, or nullptr.
inline const Diagnostic* FindDiagnostic(const Status& s, const std::string& file, uint32_t line,
                                        const std::string& text) {
  for (const Diagnostic& d : s.diagnostics()) {
    if (d.location.file == file && d.location.line == line &&
        d.message.find(text) != std::string::npos) {
      return &d;
    }
  }
  return nullptr;
}

}  // namespace aimsgate::testing

// Expects a diagnostic of `status` at `file`:`line` containing `text`; on failure prints every
// diagnostic there was.
#define EXPECT_DIAGNOSTIC(status, file, line, text)                                 \
  EXPECT_NE(::aimsgate::testing::FindDiagnostic(status, file, line, text), nullptr) \
      << "want " << file << ":" << line << ": ..." << text << "...\ngot:\n"         \
      << ::aimsgate::testing::Diagnostics(status)

// Loads `pack` (an InlinePack) or fails the test with every load diagnostic.
#define ASSERT_LOADS(pack)                                         \
  do {                                                             \
    const ::aimsgate::Status aimsgate_load_status = (pack).Load(); \
    ASSERT_TRUE(aimsgate_load_status.ok())                         \
        << ::aimsgate::testing::Diagnostics(aimsgate_load_status); \
  } while (0)
