// Running a pack's own test cases: build each case's evidence (fixture files with JSON Patch
// edits, or inline documents), evaluate it, and compare the findings with the expectations.
#include "aimsgate/pack_tests.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace aimsgate {
namespace {
namespace fs = std::filesystem;
using rapidjson::Document;
using rapidjson::Value;

// The failure of one case; the message says what was wrong with the case itself.
struct CaseError {
  std::string message;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CaseError{"cannot read " + path.string()};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void ParseJson(const std::string& text, const std::string& label, Document* doc) {
  doc->Parse(text.c_str(), text.size());
  if (doc->HasParseError()) {
    size_t line =
        1 +
        static_cast<size_t>(std::count(
            text.begin(),
            text.begin() + static_cast<long>(std::min(doc->GetErrorOffset(), text.size())), '\n'));
    throw CaseError{label + ":" + std::to_string(line) +
                    ": invalid JSON: " + rapidjson::GetParseError_En(doc->GetParseError())};
  }
}

std::string Serialize(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Applies RFC 6902 "add", "remove" and "replace" operations to `doc`.
void ApplyPatch(const Value& patch, Document* doc) {
  if (!patch.IsArray()) throw CaseError{"\"patch\" must be an array of operations"};
  for (const Value& op : patch.GetArray()) {
    if (!op.IsObject() || !op.HasMember("op") || !op["op"].IsString() || !op.HasMember("path") ||
        !op["path"].IsString()) {
      throw CaseError{"a patch operation needs \"op\" and \"path\" strings"};
    }
    const std::string kind = op["op"].GetString();
    const std::string path = op["path"].GetString();
    rapidjson::Pointer pointer(path.c_str());
    if (!pointer.IsValid()) throw CaseError{"patch path '" + path + "' is not a JSON Pointer"};
    const bool exists = pointer.Get(*doc) != nullptr;
    if (kind == "remove") {
      if (!exists || !pointer.Erase(*doc))
        throw CaseError{"patch remove: nothing at '" + path + "'"};
      continue;
    }
    if (!op.HasMember("value"))
      throw CaseError{"patch " + kind + " at '" + path + "' needs a \"value\""};
    Value value(op["value"], doc->GetAllocator());
    if (kind == "replace") {
      if (!exists) throw CaseError{"patch replace: nothing at '" + path + "'"};
      pointer.Set(*doc, value);
    } else if (kind == "add") {
      // Adding into an array inserts before the index; "-" appends.
      size_t slash = path.rfind('/');
      rapidjson::Pointer parent_pointer(path.substr(0, slash).c_str());
      Value* parent = parent_pointer.Get(*doc);
      std::string token = path.substr(slash + 1);
      if (parent != nullptr && parent->IsArray() && token != "-") {
        unsigned long parsed = std::stoul(token);
        if (parsed > parent->Size())
          throw CaseError{"patch add: index out of range at '" + path + "'"};
        const rapidjson::SizeType index = static_cast<rapidjson::SizeType>(parsed);
        parent->PushBack(Value(), doc->GetAllocator());
        for (rapidjson::SizeType i = parent->Size() - 1; i > index; --i)
          (*parent)[i] = (*parent)[i - 1];
        (*parent)[index] = value;
      } else {
        pointer.Set(*doc, value);
      }
    } else {
      throw CaseError{"patch op '" + kind + "' is not supported (add, remove, replace)"};
    }
  }
}

std::vector<Evidence> BuildDocuments(const Document& test, const fs::path& case_path) {
  if (!test.HasMember("documents") || !test["documents"].IsArray() || test["documents"].Empty()) {
    throw CaseError{"\"documents\" must be a non-empty array"};
  }
  std::vector<Evidence> out;
  const Value& documents = test["documents"];
  for (rapidjson::SizeType i = 0; i < documents.Size(); ++i) {
    const Value& entry = documents[i];
    const std::string label = case_path.string() + "#/documents/" + std::to_string(i);
    std::string text;
    if (entry.IsObject() && entry.HasMember("inline")) {
      text = Serialize(entry["inline"]);
    } else if (entry.IsObject() && entry.HasMember("file") && entry["file"].IsString()) {
      fs::path file = case_path.parent_path() / entry["file"].GetString();
      Document doc;
      ParseJson(ReadFile(file), file.string(), &doc);
      if (entry.HasMember("patch")) ApplyPatch(entry["patch"], &doc);
      text = Serialize(doc);
    } else {
      throw CaseError{"documents[" + std::to_string(i) +
                      "] needs \"file\" (with optional \"patch\") or \"inline\""};
    }
    Result<Evidence> ev = ParseEvidence(text, label);
    if (!ev.ok()) throw CaseError{ev.status().ToString()};
    out.push_back(std::move(ev).value());
  }
  return out;
}

// The line of expectation `key` in the case's text: after "expect", where the key is written.
uint32_t ExpectationLine(const std::string& text, const std::string& key) {
  size_t at = text.find("\"expect\"");
  if (at == std::string::npos) return 0;
  size_t key_at = text.find("\"" + key + "\"", at);
  if (key_at != std::string::npos) at = key_at;
  return static_cast<uint32_t>(
      1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::string Quote(const std::string& s) {
  return "\"" + s + "\"";
}

void Check(const Report& report, const Value& expect, const std::string& text,
           PackTestCase* result) {
  for (auto it = expect.MemberBegin(); it != expect.MemberEnd(); ++it) {
    const std::string key = it->name.GetString();
    const size_t at = key.find('@');
    const std::string control = key.substr(0, at);
    const std::string doc_id = at == std::string::npos ? "" : key.substr(at + 1);
    const Value& want = it->value;
    PackTestMismatch mismatch;
    mismatch.line = ExpectationLine(text, key);
    mismatch.key = key;
    auto fail = [&](std::string expected, std::string actual) {
      mismatch.expected = std::move(expected);
      mismatch.actual = std::move(actual);
      result->mismatches.push_back(mismatch);
    };
    std::string want_status, want_pointer, want_message, want_pattern;
    if (want.IsString()) {
      want_status = want.GetString();
    } else if (want.IsObject() && want.HasMember("status") && want["status"].IsString()) {
      want_status = want["status"].GetString();
      if (want.HasMember("pointer") && want["pointer"].IsString())
        want_pointer = want["pointer"].GetString();
      if (want.HasMember("message") && want["message"].IsString())
        want_message = want["message"].GetString();
      if (want.HasMember("message_matches") && want["message_matches"].IsString()) {
        want_pattern = want["message_matches"].GetString();
      }
    } else {
      fail("a status, or {\"status\": ..., \"pointer\": ..., \"message\": ...}",
           "an invalid expectation");
      continue;
    }
    std::unique_ptr<RE2> pattern;
    if (!want_pattern.empty()) {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_max_mem(1 << 20);
      pattern = std::make_unique<RE2>(want_pattern, options);
      if (!pattern->ok()) {
        fail("message_matches " + Quote(want_pattern),
             "a pattern RE2 rejects: " + pattern->error());
        continue;
      }
    }
    std::string expected = want_status;
    if (!want_pointer.empty()) expected += " at " + want_pointer;
    if (!want_message.empty()) expected += ", message containing " + Quote(want_message);
    if (pattern) expected += ", message matching /" + want_pattern + "/";

    std::vector<const Finding*> matches;
    for (const Finding& f : report.findings) {
      if (f.control == control && (doc_id.empty() || (f.evidence && f.evidence->id == doc_id))) {
        matches.push_back(&f);
      }
    }
    if (matches.empty()) {
      fail(expected, "no finding of " + key + " (is the control in the pack, and does it apply?)");
      continue;
    }
    if (matches.size() > 1) {
      fail(expected, std::to_string(matches.size()) + " findings of " + control +
                         "; name the document as " + control + "@<id>");
      continue;
    }
    const Finding& got = *matches.front();
    std::string actual(ToString(got.status));
    if (got.evidence)
      actual += " at " + (got.evidence->pointer.empty() ? "/" : got.evidence->pointer);
    if (!got.message.empty()) actual += ": " + got.message;
    if (std::string(ToString(got.status)) != want_status) {
      fail(expected, actual);
      continue;
    }
    // Pointer and message must hold of the same violation (or of the finding itself).
    auto matches_want = [&](const std::string& pointer, const std::string& message) {
      return (want_pointer.empty() || pointer == want_pointer) &&
             (want_message.empty() || message.find(want_message) != std::string::npos) &&
             (!pattern || RE2::PartialMatch(message, *pattern));
    };
    if (!want_pointer.empty() || !want_message.empty() || pattern) {
      bool found =
          std::any_of(got.violations.begin(), got.violations.end(),
                      [&](const Violation& v) { return matches_want(v.pointer, v.message); }) ||
          (got.evidence && matches_want(got.evidence->pointer, got.message));
      if (!found) {
        if (got.violations.size() > 1) {  // the first is already the finding's own
          for (const Violation& v : got.violations) {
            actual += "\n" + (v.pointer.empty() ? std::string("/") : v.pointer) + ": " + v.message;
          }
        }
        fail(expected, actual);
        continue;
      }
    }
    result->exercised.emplace_back(control, got.status);
  }
}

PackTestCase RunCase(Engine& engine, const fs::path& case_path, PackReads* reads) {
  PackTestCase result;
  result.path = case_path.string();
  try {
    Document test;
    const std::string text = ReadFile(case_path);
    ParseJson(text, case_path.string(), &test);
    if (!test.IsObject()) throw CaseError{"a case must be a JSON object"};
    if (test.HasMember("description") && test["description"].IsString()) {
      result.description = test["description"].GetString();
    }
    if (!test.HasMember("expect") || !test["expect"].IsObject() ||
        test["expect"].MemberCount() == 0) {
      throw CaseError{"\"expect\" must map control ids to statuses"};
    }
    EvalOptions options;
    options.trace_reads = reads != nullptr;
    options.as_of =
        test.HasMember("as_of") && test["as_of"].IsString() ? test["as_of"].GetString() : "";
    if (options.as_of.empty())
      throw CaseError{"\"as_of\" (YYYY-MM-DD) is required, so the case does not age"};
    std::vector<Evidence> documents = BuildDocuments(test, case_path);
    Result<Report> report = engine.Evaluate(documents, options);
    if (!report.ok()) throw CaseError{report.status().ToString()};
    if (reads != nullptr) {
      for (const Finding& f : report->findings) {
        if (f.evidence)
          (*reads)[f.control][f.evidence->kind].insert(f.reads.begin(), f.reads.end());
      }
    }
    Check(*report, test["expect"], text, &result);
  } catch (const CaseError& e) {
    result.problems.push_back(e.message);
  }
  result.passed = result.problems.empty() && result.mismatches.empty();
  return result;
}

}  // namespace

size_t PackTestResult::passed() const {
  return static_cast<size_t>(
      std::count_if(cases.begin(), cases.end(), [](const PackTestCase& c) { return c.passed; }));
}

size_t PackTestResult::failed() const {
  return cases.size() - passed();
}

Result<PackTestResult> RunPackTests(Engine& engine, const std::string& tests_dir,
                                    PackReads* reads) {
  std::error_code ec;
  if (!fs::is_directory(tests_dir, ec)) {
    return Status::InvalidInput(tests_dir + ": no tests folder (cases live in <pack>/tests/)");
  }
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(tests_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_directory() && it->path().filename() == "fixtures") {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && it->path().extension() == ".json") {
      files.push_back(it->path());
    }
  }
  if (ec) return Status::InvalidInput(tests_dir + ": cannot list: " + ec.message());
  if (files.empty()) return Status::InvalidInput(tests_dir + ": no test cases (*.json)");
  std::sort(files.begin(), files.end());
  PackTestResult result;
  for (const fs::path& f : files) result.cases.push_back(RunCase(engine, f, reads));
  return result;
}

bool ControlCoverage::covered() const {
  return std::any_of(cases.begin(), cases.end(), [](uint32_t n) { return n > 0; });
}

bool ControlCoverage::both_ways() const {
  auto n = [&](FindingStatus s) { return cases[static_cast<size_t>(s)]; };
  return n(FindingStatus::kPass) > 0 &&
         (n(FindingStatus::kFail) > 0 || n(FindingStatus::kInsufficientEvidence) > 0);
}

size_t PackCoverage::covered() const {
  return static_cast<size_t>(std::count_if(controls.begin(), controls.end(),
                                           [](const ControlCoverage& c) { return c.covered(); }));
}

size_t PackCoverage::both_ways() const {
  return static_cast<size_t>(std::count_if(controls.begin(), controls.end(),
                                           [](const ControlCoverage& c) { return c.both_ways(); }));
}

double PackCoverage::covered_percent() const {
  return controls.empty()
             ? 100.0
             : 100.0 * static_cast<double>(covered()) / static_cast<double>(controls.size());
}

double PackCoverage::both_ways_percent() const {
  if (controls.empty()) return 100.0;
  size_t slots = 0;
  for (const ControlCoverage& c : controls) {
    slots += c.cases[static_cast<size_t>(FindingStatus::kPass)] > 0;
    slots += c.cases[static_cast<size_t>(FindingStatus::kFail)] > 0 ||
             c.cases[static_cast<size_t>(FindingStatus::kInsufficientEvidence)] > 0;
  }
  return 100.0 * static_cast<double>(slots) / static_cast<double>(2 * controls.size());
}

PackCoverage ComputeCoverage(const PackInfo& pack, const PackTestResult& result) {
  PackCoverage out;
  std::map<std::string, size_t> index;
  // A pack answers for the controls it declares or changes; what it inherits untouched is
  // covered by its own pack's cases, and a switched-off control has nothing to test.
  std::set<std::string> tested;  // the ids of the packs under test ("a+b" when merged)
  for (size_t from = 0;;) {
    const size_t plus = pack.id.find('+', from);
    tested.insert(
        pack.id.substr(from, plus == std::string::npos ? std::string::npos : plus - from));
    if (plus == std::string::npos) break;
    from = plus + 1;
  }
  for (const ControlInfo& c : pack.controls) {
    const bool changed = std::any_of(c.changed_by.begin(), c.changed_by.end(),
                                     [&](const std::string& p) { return tested.count(p) > 0; });
    if (!c.switched_off.empty() || (!tested.count(c.pack) && !changed)) continue;
    index.emplace(c.id, out.controls.size());
    out.controls.push_back({c.id, {}});
  }
  for (const PackTestCase& c : result.cases) {
    if (!c.passed) continue;
    // A case counts once per (control, status), however many documents it names.
    std::set<std::pair<std::string, FindingStatus>> seen(c.exercised.begin(), c.exercised.end());
    for (const auto& [control, status] : seen) {
      auto it = index.find(control);
      if (it != index.end()) out.controls[it->second].cases[static_cast<size_t>(status)] += 1;
    }
  }
  return out;
}

}  // namespace aimsgate
