// The evidence schemas (schemas/<kind>.schema.json): they parse as draft-07, describe every
// field and close every object; the pack's fixtures and every example validate against them;
// a misspelled field, a wrong enum value, a malformed date or control id is rejected; and
// docs/evidence.md lists every field, and the fixtures hold every field.
//
// valijson 1.0 reports a schema it cannot parse through throwRuntimeError, which prints the
// reason and aborts unless VALIJSON_USE_EXCEPTIONS is defined (and that definition would also
// redefine RAPIDJSON_ASSERT in this file only, against the rest of the binary). So a schema
// valijson cannot parse aborts its test with the reason on stderr, which ctest reports as a
// failure; the catch in SchemaIsDraft07AndParses covers a build that does define it.

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "aimsgate/import.h"

namespace aimsgate {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = AIMSGATE_SOURCE_DIR;
const std::vector<std::string> kKinds = {"organization", "model_card", "pipeline_run",
                                         "vendor_questionnaire"};

std::string SchemaPath(const std::string& kind) {
  return kSourceDir + "/schemas/" + kind + ".schema.json";
}
std::string FixturePath(const std::string& kind) {
  return kSourceDir + "/policies/iso42001/tests/fixtures/" + kind + ".json";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Parses a JSON file; a file that does not parse throws with the offset and reason.
std::unique_ptr<rapidjson::Document> ParseFile(const std::string& path) {
  const std::string text = ReadFile(path);
  auto doc = std::make_unique<rapidjson::Document>();
  doc->Parse(text.c_str(), text.size());
  if (doc->HasParseError()) {
    throw std::runtime_error(path + ": not JSON at offset " +
                             std::to_string(doc->GetErrorOffset()) + ": " +
                             rapidjson::GetParseError_En(doc->GetParseError()));
  }
  return doc;
}

std::unique_ptr<rapidjson::Document> ParseText(const std::string& text) {
  auto doc = std::make_unique<rapidjson::Document>();
  doc->Parse(text.c_str(), text.size());
  if (doc->HasParseError()) throw std::runtime_error("not JSON: " + text);
  return doc;
}

// One kind's schema, parsed once by valijson (as draft-07) and kept with its JSON.
struct LoadedSchema {
  std::unique_ptr<rapidjson::Document> json;
  valijson::Schema schema;
};

const LoadedSchema& SchemaOf(const std::string& kind) {
  static std::map<std::string, std::unique_ptr<LoadedSchema>> cache;
  auto it = cache.find(kind);
  if (it != cache.end()) return *it->second;
  auto loaded = std::make_unique<LoadedSchema>();
  loaded->json = ParseFile(SchemaPath(kind));
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::RapidJsonAdapter adapter(*loaded->json);
  parser.populateSchema(adapter, loaded->schema);
  return *cache.emplace(kind, std::move(loaded)).first->second;
}

// Every error valijson finds in `doc` against `kind`'s schema, one line each:
// "<root> [risk_management] [risk_register] [0]: <what is wrong>".
std::vector<std::string> Errors(const rapidjson::Value& doc, const std::string& kind) {
  const LoadedSchema& loaded = SchemaOf(kind);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::RapidJsonAdapter target(doc);
  std::vector<std::string> out;
  if (validator.validate(loaded.schema, target, &results)) return out;
  std::vector<std::string> all;
  for (const valijson::ValidationResults::Error& e : results) {
    std::string where;
    for (const std::string& c : e.context) where += (where.empty() ? "" : " ") + c;
    all.push_back(where + ": " + e.description);
    // "Failed to validate item #0" and "... against schema associated with property name"
    // only repeat a deeper error on the way up.
    const std::string& d = e.description;
    if (d.rfind("Failed to validate item #", 0) == 0 ||
        d.rfind("Failed to validate against schema associated with", 0) == 0) {
      continue;
    }
    out.push_back(all.back());
  }
  if (out.empty()) out = all;
  if (out.empty()) out.push_back("invalid, with no error reported");
  return out;
}

std::string Lines(const std::vector<std::string>& errors) {
  std::string s;
  for (const std::string& e : errors) s += "\n  " + e;
  return s;
}

bool Mentions(const std::vector<std::string>& errors, const std::string& text) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const std::string& e) { return e.find(text) != std::string::npos; });
}

// A fixture, parsed, to edit in a test.
std::unique_ptr<rapidjson::Document> Fixture(const std::string& kind) {
  return ParseFile(FixturePath(kind));
}

// Sets the value at `pointer` (which must exist, or whose parent must exist) to the JSON `value`.
void Set(rapidjson::Document& doc, const char* pointer, const std::string& value) {
  rapidjson::Document v(&doc.GetAllocator());
  v.Parse(value.c_str(), value.size());
  ASSERT_FALSE(v.HasParseError()) << value;
  rapidjson::Pointer(pointer).Set(doc, v);
}

// Renames member `from` of the object at `pointer` to `to`, keeping its value.
void Rename(rapidjson::Document& doc, const char* pointer, const char* from, const char* to) {
  rapidjson::Value* obj = rapidjson::Pointer(pointer).Get(doc);
  ASSERT_NE(obj, nullptr) << pointer;
  ASSERT_TRUE(obj->IsObject()) << pointer;
  auto m = obj->FindMember(from);
  ASSERT_NE(m, obj->MemberEnd()) << pointer << " has no " << from;
  m->name.SetString(to, doc.GetAllocator());
}

// The string at `pointer` of `doc`, or "<missing /pointer>" so that a comparison fails readably.
std::string Str(const rapidjson::Value& doc, const std::string& pointer) {
  const rapidjson::Value* v = rapidjson::Pointer(pointer.c_str()).Get(doc);
  return v && v->IsString() ? v->GetString() : "<missing " + pointer + ">";
}

// The strings at `member` (a relative pointer) of every item of the list at `list`.
std::vector<std::string> Each(const rapidjson::Value& doc, const std::string& list,
                              const std::string& member = "") {
  std::vector<std::string> out;
  const rapidjson::Value* v = rapidjson::Pointer(list.c_str()).Get(doc);
  if (v == nullptr || !v->IsArray()) return out;
  for (const auto& item : v->GetArray()) out.push_back(Str(item, member));
  return out;
}

// The array at `pointer` of `doc`, or an empty one.
const rapidjson::Value::ConstArray ArrayAt(const rapidjson::Value& doc, const char* pointer) {
  static const rapidjson::Value kEmpty(rapidjson::kArrayType);
  const rapidjson::Value* v = rapidjson::Pointer(pointer).Get(doc);
  return (v != nullptr && v->IsArray() ? *v : kEmpty).GetArray();
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

class EvidenceSchemaTest : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Kinds, EvidenceSchemaTest, ::testing::ValuesIn(kKinds),
                         [](const ::testing::TestParamInfo<std::string>& kind) {
                           return kind.param;
                         });

TEST_P(EvidenceSchemaTest, SchemaIsDraft07AndParses) {
  const std::string kind = GetParam();
  std::unique_ptr<rapidjson::Document> json;
  ASSERT_NO_THROW(json = ParseFile(SchemaPath(kind)));
  ASSERT_TRUE(json->IsObject());
  EXPECT_EQ(Str(*json, "/$schema"), "http://json-schema.org/draft-07/schema#");
  EXPECT_EQ(Str(*json, "/$id"), "https://aimsgate.dev/schemas/" + kind + ".schema.json");
  EXPECT_TRUE(json->HasMember("title"));
  EXPECT_TRUE(json->HasMember("description"));
  try {
    SchemaOf(kind);
  } catch (const std::exception& e) {
    FAIL() << "valijson does not accept " << SchemaPath(kind) << ": " << e.what();
  }
}

// Walks a schema node: every object is closed (but the root's extensions), every property
// has a description. Problems are collected with the schema path.
void Lint(const rapidjson::Value& node, const std::string& path, std::vector<std::string>& out) {
  if (!node.IsObject()) return;
  auto type = node.FindMember("type");
  if (type != node.MemberEnd() && type->value.IsString() &&
      std::string(type->value.GetString()) == "object" && path != "/properties/extensions") {
    auto ap = node.FindMember("additionalProperties");
    if (ap == node.MemberEnd() || !ap->value.IsBool() || ap->value.GetBool()) {
      out.push_back(path + ": additionalProperties is not false");
    }
  }
  for (const char* key : {"properties", "patternProperties", "definitions"}) {
    auto m = node.FindMember(key);
    if (m == node.MemberEnd()) continue;
    for (auto& p : m->value.GetObject()) {
      const std::string sub = path + "/" + key + "/" + p.name.GetString();
      if (!p.value.IsObject() || !p.value.HasMember("description")) {
        out.push_back(sub + ": no description");
      }
      Lint(p.value, sub, out);
    }
  }
  auto items = node.FindMember("items");
  if (items != node.MemberEnd()) Lint(items->value, path + "/items", out);
}

TEST_P(EvidenceSchemaTest, EveryObjectIsClosedAndEveryFieldDescribed) {
  std::vector<std::string> problems;
  Lint(*SchemaOf(GetParam()).json, "", problems);
  EXPECT_TRUE(problems.empty()) << GetParam() << ":" << Lines(problems);
}

TEST_P(EvidenceSchemaTest, FixtureValidates) {
  const std::string kind = GetParam();
  std::unique_ptr<rapidjson::Document> doc;
  ASSERT_NO_THROW(doc = Fixture(kind));
  EXPECT_EQ(Str(*doc, "/kind"), kind);
  const std::vector<std::string> errors = Errors(*doc, kind);
  EXPECT_TRUE(errors.empty()) << FixturePath(kind) << ":" << Lines(errors);
}

TEST_P(EvidenceSchemaTest, IdentityAloneIsValid) {
  // Missing evidence must stay representable, so that controls can say what is missing.
  const std::string kind = GetParam();
  auto doc = ParseText(R"({"kind": ")" + kind + R"(", "schema_version": "1.0", "id": "x"})");
  EXPECT_TRUE(Errors(*doc, kind).empty()) << Lines(Errors(*doc, kind));
}

TEST_P(EvidenceSchemaTest, IdentityIsRequired) {
  const std::string kind = GetParam();
  for (const char* member : {"kind", "schema_version", "id"}) {
    auto doc = Fixture(kind);
    doc->RemoveMember(member);
    EXPECT_FALSE(Errors(*doc, kind).empty()) << kind << " without " << member;
  }
  auto doc = Fixture(kind);
  Set(*doc, "/schema_version", R"("2.0")");
  EXPECT_FALSE(Errors(*doc, kind).empty()) << "schema_version 2.0";
  doc = Fixture(kind);
  Set(*doc, "/kind", kind == "model_card" ? R"("organization")" : R"("model_card")");
  EXPECT_FALSE(Errors(*doc, kind).empty()) << "another kind";
}

TEST_P(EvidenceSchemaTest, UnknownRootMemberIsRejectedButExtensionsAreFree) {
  const std::string kind = GetParam();
  auto doc = Fixture(kind);
  Set(*doc, "/notes", R"("free text")");
  EXPECT_TRUE(Mentions(Errors(*doc, kind), "'notes'")) << Lines(Errors(*doc, kind));
  doc = Fixture(kind);
  Set(*doc, "/extensions", R"({"anything": {"goes": [1, "two", null]}})");
  EXPECT_TRUE(Errors(*doc, kind).empty()) << Lines(Errors(*doc, kind));
}

// Every file under examples/ that says it is evidence (a root "kind" of one of the four).
std::vector<fs::path> ExampleEvidence() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kSourceDir + "/examples")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") out.push_back(entry);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(EvidenceSchemaExamplesTest, EveryExampleValidates) {
  size_t checked = 0;
  for (const fs::path& path : ExampleEvidence()) {
    std::unique_ptr<rapidjson::Document> doc;
    ASSERT_NO_THROW(doc = ParseFile(path.string()));
    const std::string kind = Str(*doc, "/kind");
    if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) continue;
    const std::vector<std::string> errors = Errors(*doc, kind);
    EXPECT_TRUE(errors.empty()) << path.string() << " (" << kind << "):" << Lines(errors);
    ++checked;
  }
  EXPECT_GE(checked, 2u) << "the examples hold at least an organization and a model card";
}

TEST(EvidenceSchemaRejectsTest, MisspelledFieldInAModelCard) {
  auto doc = Fixture("model_card");
  Rename(*doc, "", "intended_purpose", "intented_purpose");
  const std::vector<std::string> errors = Errors(*doc, "model_card");
  EXPECT_TRUE(Mentions(errors, "'intented_purpose'")) << Lines(errors);
}

TEST(EvidenceSchemaRejectsTest, MisspelledFieldDeepInside) {
  auto org = Fixture("organization");
  Rename(*org, "/risk_management/risk_register/0", "likelihood", "likelyhood");
  std::vector<std::string> errors = Errors(*org, "organization");
  EXPECT_TRUE(Mentions(errors, "'likelyhood'")) << Lines(errors);
  EXPECT_TRUE(Mentions(errors, "[risk_register]")) << Lines(errors);

  org = Fixture("organization");
  Rename(*org, "/risk_management/risk_register/1/treatment", "controls", "control");
  errors = Errors(*org, "organization");
  EXPECT_TRUE(Mentions(errors, "'control'")) << Lines(errors);

  auto card = Fixture("model_card");
  Rename(*card, "/datasets/0/acquisition", "license", "licence");
  EXPECT_TRUE(Mentions(Errors(*card, "model_card"), "'licence'"));

  card = Fixture("model_card");
  Rename(*card, "/quantitative_analysis/performance_metrics/0", "threshold", "treshold");
  EXPECT_TRUE(Mentions(Errors(*card, "model_card"), "'treshold'"));

  auto run = Fixture("pipeline_run");
  Rename(*run, "/approvals/0", "role", "rol");
  EXPECT_TRUE(Mentions(Errors(*run, "pipeline_run"), "'rol'"));

  auto vq = Fixture("vendor_questionnaire");
  Rename(*vq, "/certifications/0", "expires", "expiry");
  EXPECT_TRUE(Mentions(Errors(*vq, "vendor_questionnaire"), "'expiry'"));
}

TEST(EvidenceSchemaRejectsTest, WrongEnumValues) {
  struct Case {
    const char* kind;
    const char* pointer;
    const char* value;
  };
  const Case cases[] = {
      {"model_card", "/risk_tier", R"("severe")"},
      {"model_card", "/organization_role", R"("vendor")"},
      {"model_card", "/quantitative_analysis/performance_metrics/0/direction", R"("above")"},
      {"organization", "/statement_of_applicability/controls/0/status", R"("applicable")"},
      {"organization", "/risk_management/risk_register/0/treatment/option", R"("ignore")"},
      {"organization", "/ai_system_inventory/0/risk_tier", R"("High")"},
      {"pipeline_run", "/approvals/0/decision", R"("lgtm")"},
      {"pipeline_run", "/deployment/environment/type", R"("prod")"},
      {"vendor_questionnaire", "/answers/GOV-01/answer", R"("maybe")"},
      {"vendor_questionnaire", "/certifications/0/standard", R"("ISO 42001")"},
  };
  for (const Case& c : cases) {
    auto doc = Fixture(c.kind);
    ASSERT_NE(rapidjson::Pointer(c.pointer).Get(*doc), nullptr) << c.kind << c.pointer;
    Set(*doc, c.pointer, c.value);
    const std::vector<std::string> errors = Errors(*doc, c.kind);
    EXPECT_TRUE(Mentions(errors, "enum")) << c.kind << " " << c.pointer << " = " << c.value
                                          << " was not rejected as an enum:" << Lines(errors);
  }
}

TEST(EvidenceSchemaRejectsTest, MalformedDatesAndControlIds) {
  struct Case {
    const char* kind;
    const char* pointer;
    const char* value;
  };
  const Case cases[] = {
      {"organization", "/risk_management/last_assessment", R"("2026-13-01")"},
      {"organization", "/ai_policy/approved", R"("18/03/2026")"},
      {"organization", "/risk_management/risk_register/0/treatment/controls/0", R"("6.2.4")"},
      {"organization", "/statement_of_applicability/controls/0/control", R"("A2.2")"},
      {"model_card", "/impact_assessment/date", R"("2026-08-28T10:00:00Z")"},
      {"pipeline_run", "/started", R"("2026-11-20 09:00")"},
      {"vendor_questionnaire", "/certifications/0/expires", R"("next year")"},
      {"vendor_questionnaire", "/answers/gov-1", R"({"answer": "yes"})"},
  };
  for (const Case& c : cases) {
    auto doc = Fixture(c.kind);
    Set(*doc, c.pointer, c.value);
    EXPECT_FALSE(Errors(*doc, c.kind).empty()) << c.kind << " " << c.pointer << " = " << c.value;
  }
}

TEST(EvidenceSchemaRejectsTest, WrongTypesAreErrorsNotCrashes) {
  // A date that is not a string must be a type error (valijson's date format check would
  // otherwise try to read a number as a string).
  auto org = Fixture("organization");
  Set(*org, "/risk_management/last_assessment", "20260915");
  Set(*org, "/risk_management/risk_register/0/likelihood", R"("three")");
  std::vector<std::string> errors;
  ASSERT_NO_THROW(errors = Errors(*org, "organization"));
  EXPECT_GE(errors.size(), 2u) << Lines(errors);
  auto run = Fixture("pipeline_run");
  Set(*run, "/started", "true");
  ASSERT_NO_THROW(errors = Errors(*run, "pipeline_run"));
  EXPECT_FALSE(errors.empty());
}

TEST(EvidenceSchemaRejectsTest, ItemsWithoutTheirKeyAreRejected) {
  auto org = Fixture("organization");
  rapidjson::Pointer("/statement_of_applicability/controls/3").Get(*org)->RemoveMember("status");
  EXPECT_FALSE(Errors(*org, "organization").empty()) << "SoA entry without status";
  auto vq = Fixture("vendor_questionnaire");
  rapidjson::Pointer("/answers/GOV-01").Get(*vq)->RemoveMember("answer");
  EXPECT_FALSE(Errors(*vq, "vendor_questionnaire").empty()) << "answer without a value";
}

// The fixtures are the baseline of every control's pass case, so they must tell one story:
// the cross-references of docs/evidence.md hold between them.
TEST(EvidenceSchemaFixturesTest, FixturesAreConsistentWithEachOther) {
  auto org = Fixture("organization");
  auto card = Fixture("model_card");
  auto run = Fixture("pipeline_run");
  auto vq = Fixture("vendor_questionnaire");
  const std::vector<std::string> inventory = Each(*org, "/ai_system_inventory", "/id");
  const std::vector<std::string> suppliers = Each(*org, "/supplier_register", "/id");
  const std::vector<std::string> risks = Each(*org, "/risk_management/risk_register", "/id");
  const std::vector<std::string> objectives = Each(*org, "/objectives", "/id");
  const std::vector<std::string> assessments =
      Each(*org, "/impact_assessment_process/assessments", "/id");
  const std::vector<std::string> datasets = Each(*card, "/datasets", "/id");

  EXPECT_EQ(Str(*card, "/organization"), Str(*org, "/id"));
  EXPECT_TRUE(Contains(inventory, Str(*card, "/id"))) << "model card not in the inventory";
  EXPECT_TRUE(Contains(suppliers, Str(*card, "/supplier/supplier_id"))) << "card's supplier";
  EXPECT_TRUE(Contains(suppliers, Str(*vq, "/vendor/supplier_id"))) << "questionnaire's vendor";
  EXPECT_EQ(Str(*card, "/supplier/questionnaire"), Str(*vq, "/id"));
  EXPECT_TRUE(Contains(Each(*org, "/supplier_register", "/questionnaire"), Str(*vq, "/id")));
  EXPECT_TRUE(Contains(assessments, Str(*card, "/impact_assessment/id")));
  for (const std::string& r : Each(*card, "/related_risks")) EXPECT_TRUE(Contains(risks, r)) << r;
  for (const char* list : {"/development/objectives", "/responsible_use/objectives"}) {
    for (const std::string& o : Each(*card, list)) EXPECT_TRUE(Contains(objectives, o)) << o;
  }
  for (const std::string& a : Each(*org, "/risk_management/risk_register", "/ai_system")) {
    EXPECT_TRUE(Contains(inventory, a)) << "risk of unknown AI system " << a;
  }
  EXPECT_TRUE(Contains(datasets, Str(*card, "/quantitative_analysis/evaluation_dataset")));

  EXPECT_EQ(Str(*run, "/model/id"), Str(*card, "/id"));
  EXPECT_EQ(Str(*run, "/model/model_card"), Str(*card, "/id"));
  EXPECT_EQ(Str(*run, "/model/version"), Str(*card, "/version"));
  EXPECT_EQ(Str(*run, "/model/risk_tier"), Str(*card, "/risk_tier"));
  EXPECT_EQ(Str(*run, "/model/artifact/digest"), Str(*card, "/artifact/digest"));
  EXPECT_EQ(Str(*card, "/deployment/pipeline_run"), Str(*run, "/id"));
  EXPECT_TRUE(Contains(datasets, Str(*run, "/evaluation/dataset")));
  ASSERT_FALSE(ArrayAt(*run, "/datasets").Empty());
  for (const auto& ds : ArrayAt(*run, "/datasets")) {
    const std::string id = Str(ds, "/id");
    const rapidjson::Value* card_ds = nullptr;
    for (const auto& c : ArrayAt(*card, "/datasets")) {
      if (Str(c, "/id") == id) card_ds = &c;
    }
    ASSERT_NE(card_ds, nullptr) << "the run's dataset " << id << " is not in the card";
    EXPECT_EQ(Str(ds, "/digest"), Str(*card_ds, "/digest")) << id;
  }

  // The SoA lists each of the 38 Annex A controls of the registry once, in order, all
  // included; every control a risk treatment names is one of them.
  auto registry = ParseFile(kSourceDir + "/engine/registry/iso42001.json");
  std::vector<std::string> annex_a;
  for (const auto& objective : ArrayAt(*registry, "/annex_a")) {
    for (const auto& c : ArrayAt(objective, "/controls")) annex_a.push_back(Str(c, "/id"));
  }
  EXPECT_EQ(annex_a.size(), 38u);
  EXPECT_EQ(Each(*org, "/statement_of_applicability/controls", "/control"), annex_a);
  for (const std::string& status : Each(*org, "/statement_of_applicability/controls", "/status")) {
    EXPECT_EQ(status, "included");
  }
  for (const auto& r : ArrayAt(*org, "/risk_management/risk_register")) {
    for (const std::string& c : Each(r, "/treatment/controls")) {
      EXPECT_TRUE(Contains(annex_a, c)) << Str(r, "/id") << " names " << c;
    }
  }
}

// The dotted paths of every field of a schema node, as docs/evidence.md writes them:
// /a/b, with /* for array items and /{question id} for pattern-keyed members.
void FieldPaths(const rapidjson::Value& root, const rapidjson::Value& node, const std::string& path,
                std::vector<std::string>& out) {
  const rapidjson::Value* n = &node;
  auto ref = n->FindMember("$ref");
  if (ref != n->MemberEnd()) {
    n = rapidjson::Pointer(std::string(ref->value.GetString()).substr(1).c_str()).Get(root);
    if (n == nullptr) return;
  }
  auto props = n->FindMember("properties");
  if (props != n->MemberEnd()) {
    for (auto& p : props->value.GetObject()) {
      const std::string sub = path + "/" + p.name.GetString();
      out.push_back(sub);
      FieldPaths(root, p.value, sub, out);
    }
  }
  auto pattern = n->FindMember("patternProperties");
  if (pattern != n->MemberEnd()) {
    for (auto& p : pattern->value.GetObject()) {
      const std::string sub = path + "/{question id}";
      out.push_back(sub);
      FieldPaths(root, p.value, sub, out);
    }
  }
  auto items = n->FindMember("items");
  if (items != n->MemberEnd()) FieldPaths(root, items->value, path + "/*", out);
}

TEST_P(EvidenceSchemaTest, DocsListEveryField) {
  const std::string kind = GetParam();
  const std::string docs = ReadFile(kSourceDir + "/docs/evidence.md");
  // The section of this kind: from its "## `kind`" heading to the next "## " heading.
  const size_t start = docs.find("\n## `" + kind + "`");
  ASSERT_NE(start, std::string::npos) << "docs/evidence.md has no section ## `" << kind << "`";
  const size_t end = docs.find("\n## ", start + 1);
  const std::string section = docs.substr(start, end == std::string::npos ? end : end - start);
  const rapidjson::Document& schema = *SchemaOf(kind).json;
  std::vector<std::string> paths, missing;
  FieldPaths(schema, schema, "", paths);
  for (const std::string& p : paths) {
    if (section.find("| `" + p + "` |") == std::string::npos) missing.push_back(p);
  }
  EXPECT_TRUE(missing.empty()) << "docs/evidence.md, section " << kind
                               << ", does not list these fields:" << Lines(missing);
}

// The paths present in a document, written like FieldPaths writes them; members of `keyed`
// (the answers object) that the schema does not name are written /{question id}.
void DocumentPaths(const rapidjson::Value& v, const std::string& path, const std::string& keyed,
                   const std::set<std::string>& named, std::set<std::string>& out) {
  if (v.IsObject()) {
    for (auto& m : v.GetObject()) {
      std::string key = m.name.GetString();
      if (path == keyed && !named.count(key)) key = "{question id}";
      out.insert(path + "/" + key);
      DocumentPaths(m.value, path + "/" + key, keyed, named, out);
    }
  } else if (v.IsArray()) {
    for (auto& item : v.GetArray()) DocumentPaths(item, path + "/*", keyed, named, out);
  }
}

TEST_P(EvidenceSchemaTest, FixtureHasEveryField) {
  // The fixtures are the baseline of every control's passing case: a field they lack is a
  // field no control can be shown to pass on.
  const std::string kind = GetParam();
  const rapidjson::Document& schema = *SchemaOf(kind).json;
  std::vector<std::string> paths;
  FieldPaths(schema, schema, "", paths);
  std::set<std::string> named;
  const rapidjson::Value* answers =
      rapidjson::Pointer("/properties/answers/properties").Get(schema);
  if (answers != nullptr) {
    for (auto& m : answers->GetObject()) named.insert(m.name.GetString());
  }
  std::set<std::string> present;
  DocumentPaths(*Fixture(kind), "", "/answers", named, present);
  std::vector<std::string> missing;
  for (const std::string& p : paths) {
    if (p.rfind("/extensions/", 0) != 0 && !present.count(p)) missing.push_back(p);
  }
  EXPECT_TRUE(missing.empty()) << FixturePath(kind) << " lacks:" << Lines(missing);
}

// What the importers write is native evidence: every document imported from a real sample
// validates against the model_card schema, so `aimsgate import` output loads and passes
// `aimsgate validate`.
TEST(ImportedEvidenceSchemaTest, ImportedSamplesAreValidModelCards) {
  const std::vector<std::string> samples = {
      "cyclonedx/bom-examples_MLBOM_Model-Card-With-Dataset_bom.json",
      "cyclonedx/bom-examples_pr50_MLBOM_Model_FoundationModels_bom.json",
      "cyclonedx/specification_tools_src_test_resources_1.6_valid-machine-learning-considerations-"
      "env-1.6.json",
      // Placeholder metric text: imported without the values (with warnings), still valid.
      "cyclonedx/specification_tools_src_test_resources_1.5_valid-machine-learning-1.5.json",
      "cyclonedx/specification_tools_src_test_resources_1.6_valid-machine-learning-1.6.json",
      "model-card-toolkit/tensorflow_model-card-toolkit_template_test_full.json"};
  for (const std::string& sample : samples) {
    const std::string path = kSourceDir + "/tests/data/external/" + sample;
    Result<std::vector<Evidence>> docs = LoadEvidenceDocuments(path);
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    ASSERT_EQ(docs->size(), 1u) << sample;
    const Evidence& ev = docs->front();
    std::unique_ptr<rapidjson::Document> json = ParseText(ToJsonText(ev.tree, ev.tree.root()));
    std::vector<std::string> errors = Errors(*json, "model_card");
    EXPECT_TRUE(errors.empty()) << sample << Lines(errors);
  }
}

}  // namespace
}  // namespace aimsgate
