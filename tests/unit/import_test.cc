// Importers: CycloneDX ML-BOMs and Model Card Toolkit cards become model_card documents whose
// values carry the line:column of the source value; format detection; numbers from strings.
#include "aimsgate/import.h"

#include <gtest/gtest.h>

#include "import/mapper.h"
#include "support/inline_pack.h"

namespace aimsgate {
namespace {

using testing::Src;

// A BOM with two models (one with a bom-ref, one named by name@version), a data component
// both reference, and a string metric. Line numbers below are those of this text.
constexpr const char* kTwoModels = R"(
{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "components": [
    {
      "type": "machine-learning-model",
      "bom-ref": "model-a",
      "name": "scorer",
      "version": "2.0",
      "supplier": { "name": "Acme" },
      "modelCard": {
        "modelParameters": {
          "task": "classification",
          "datasets": [ { "ref": "train-data" } ]
        },
        "quantitativeAnalysis": {
          "performanceMetrics": [
            { "type": "auc", "value": "0.93", "confidenceInterval": { "lowerBound": "0.9", "upperBound": "95%" } }
          ]
        }
      }
    },
    {
      "type": "machine-learning-model",
      "name": "ranker",
      "version": "1.1",
      "modelCard": { "considerations": { "useCases": [ "ranking" ] } }
    },
    {
      "type": "data",
      "bom-ref": "train-data",
      "name": "training",
      "version": "2026.01",
      "data": [ { "type": "dataset", "classification": "internal", "contents": { "url": "s3://x" } } ]
    }
  ]
}
)";

std::vector<Evidence> MustImport(std::string_view text, const std::string& path = "bom.json") {
  Result<std::vector<Evidence>> r = ParseEvidenceDocuments(Src(text), path);
  if (!r.ok()) {
    ADD_FAILURE() << r.status().ToString();
    return {};
  }
  return std::move(r).value();
}

std::vector<Diagnostic> MustFail(std::string_view text, const std::string& path = "bom.json") {
  Result<std::vector<Evidence>> r = ParseEvidenceDocuments(Src(text), path);
  if (r.ok()) {
    ADD_FAILURE() << "imported, but should not have";
    return {};
  }
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  return r.status().diagnostics();
}

// `text` with the first occurrence of `from` replaced by `to`.
std::string Patch(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ParseNumberTest, DecimalsAndPercentagesOnly) {
  double v = 0;
  EXPECT_TRUE(import::ParseNumber("0.93", &v));
  EXPECT_DOUBLE_EQ(v, 0.93);
  EXPECT_TRUE(import::ParseNumber(" -1e-3 ", &v));
  EXPECT_DOUBLE_EQ(v, -0.001);
  EXPECT_TRUE(import::ParseNumber("93%", &v));
  EXPECT_DOUBLE_EQ(v, 0.93);
  EXPECT_TRUE(import::ParseNumber("+7", &v));
  EXPECT_DOUBLE_EQ(v, 7);
  EXPECT_TRUE(import::ParseNumber(".5", &v));
  EXPECT_DOUBLE_EQ(v, 0.5);
  for (const char* bad : {"high", "", " ", "NaN", "inf", "0x1F", "1,000", ".", "1e", "%", "9 3",
                          "93 %%", "1.2.3", "--1", "1e999"}) {
    EXPECT_FALSE(import::ParseNumber(bad, &v)) << bad;
  }
}

TEST(DetectEvidenceFormatTest, TellsFormatsApartByTheirRoot) {
  auto detect = [](std::string_view text) {
    Result<JsonTree> t = JsonTree::Parse(text, "f.json");
    EXPECT_TRUE(t.ok());
    return DetectEvidenceFormat(*t, "f.json");
  };
  EXPECT_EQ(detect(R"({"kind": "model_card"})").value(), EvidenceFormat::kNative);
  EXPECT_EQ(detect(R"({"bomFormat": "CycloneDX"})").value(), EvidenceFormat::kCycloneDx);
  EXPECT_EQ(detect(R"({"schema_version": "0.0.2", "model_details": {}})").value(),
            EvidenceFormat::kModelCardToolkit);

  Result<EvidenceFormat> schema =
      detect(R"({"$schema": "http://json-schema.org/draft-07/schema#", "properties": {}})");
  ASSERT_FALSE(schema.ok());
  EXPECT_NE(schema.status().diagnostics()[0].message.find("is a JSON Schema"), std::string::npos);

  Result<EvidenceFormat> spdx = detect(R"({"bomFormat": "SPDX"})");
  ASSERT_FALSE(spdx.ok());
  EXPECT_EQ(spdx.status().diagnostics()[0].location.pointer, "/bomFormat");

  Result<EvidenceFormat> other = detect("{\n  \"hello\": 1\n}");
  ASSERT_FALSE(other.ok());
  const Diagnostic d = other.status().diagnostics()[0];  // a copy: status() is a temporary
  EXPECT_EQ(d.location.line, 1u);
  EXPECT_NE(d.message.find("\"model_details\""), std::string::npos) << d.message;
}

TEST(CycloneDxImportTest, TwoModelsInOneBomAreTwoDocumentsWithDistinctIds) {
  std::vector<Evidence> docs = MustImport(kTwoModels);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "model-a");     // its bom-ref
  EXPECT_EQ(docs[1].id, "ranker@1.1");  // no bom-ref: name@version
  for (const Evidence& ev : docs) {
    EXPECT_EQ(ev.kind, "model_card");
    EXPECT_EQ(ev.path, "bom.json");  // the original file, not a converted copy
    EXPECT_EQ(ev.digest.rfind("sha256:", 0), 0u);
    EXPECT_EQ(ev.tree.string(ev.tree.Resolve("/id")), ev.id);
  }
  EXPECT_EQ(docs[0].tree.string(docs[0].tree.Resolve("/supplier/name")), "Acme");
  EXPECT_EQ(docs[1].tree.string(docs[1].tree.Resolve("/considerations/use_cases/0")), "ranking");
}

TEST(CycloneDxImportTest, StringMetricsBecomeNumbersAtTheirSourcePositions) {
  std::vector<Evidence> docs = MustImport(kTwoModels);
  ASSERT_FALSE(docs.empty());
  const JsonTree& t = docs[0].tree;
  NodeId value = t.Resolve("/quantitative_analysis/performance_metrics/0/value");
  ASSERT_NE(value, kNoNode);
  EXPECT_EQ(t.type(value), JsonType::kReal);
  EXPECT_DOUBLE_EQ(t.real(value), 0.93);
  EXPECT_EQ(t.line(value), 18u);  // "value": "0.93" in kTwoModels
  EXPECT_EQ(t.column(value), 39u);
  EXPECT_DOUBLE_EQ(
      t.real(t.Resolve("/quantitative_analysis/performance_metrics/0/confidence_interval/"
                       "upper_bound")),
      0.95);
  // The document's root is the component's opening brace; what a card lacks points there.
  EXPECT_EQ(t.line(t.root()), 5u);
  EXPECT_EQ(t.column(t.root()), 5u);
}

TEST(CycloneDxImportTest, DatasetRefsResolveToDataComponents) {
  std::vector<Evidence> docs = MustImport(kTwoModels);
  ASSERT_FALSE(docs.empty());
  const JsonTree& t = docs[0].tree;
  EXPECT_EQ(t.string(t.Resolve("/datasets/0/id")), "train-data");
  EXPECT_EQ(t.string(t.Resolve("/datasets/0/name")), "training");
  EXPECT_EQ(t.string(t.Resolve("/datasets/0/version")), "2026.01");
  EXPECT_EQ(t.string(t.Resolve("/datasets/0/classification")), "internal");
  EXPECT_EQ(t.string(t.Resolve("/datasets/0/contents/url")), "s3://x");
  EXPECT_EQ(t.line(t.Resolve("/datasets/0")), 14u);                 // where the ref is
  EXPECT_EQ(t.line(t.Resolve("/datasets/0/classification")), 34u);  // where the value is
  // Nothing the BOM does not say is made up.
  EXPECT_EQ(t.Resolve("/datasets/0/purpose"), kNoNode);
  EXPECT_EQ(t.Resolve("/risk_tier"), kNoNode);
  EXPECT_EQ(t.Resolve("/quantitative_analysis/performance_metrics/0/threshold"), kNoNode);
}

// Text that is not a number (CycloneDX's own samples hold placeholder text there) is a located
// warning; the metric is imported without the value, never with a guessed one, and the rest of
// the card is imported.
TEST(CycloneDxImportTest, ANonNumericMetricIsAWarningAndTheValueIsLeftOut) {
  std::vector<Evidence> docs =
      MustImport(Patch(kTwoModels, R"("value": "0.93")", R"("value": "high")"), "sbom/ml.json");
  ASSERT_EQ(docs.size(), 2u);
  ASSERT_EQ(docs[0].warnings.size(), 1u);
  const Diagnostic& w = docs[0].warnings[0];
  EXPECT_EQ(w.severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(w.location.file, "sbom/ml.json");
  EXPECT_EQ(w.location.line, 18u);
  EXPECT_EQ(w.location.column, 39u);
  EXPECT_EQ(w.location.pointer,
            "/components/0/modelCard/quantitativeAnalysis/performanceMetrics/0/value");
  EXPECT_EQ(w.ToString(),
            "sbom/ml.json:18:39 "
            "(/components/0/modelCard/quantitativeAnalysis/performanceMetrics/0/value): warning: "
            "metric value \"high\" is not a number; the metric is imported without a value");
  EXPECT_TRUE(docs[1].warnings.empty());  // the warning is the first model's only

  const JsonTree& t = docs[0].tree;
  EXPECT_NE(t.Resolve("/quantitative_analysis/performance_metrics/0"), kNoNode);
  EXPECT_EQ(t.Resolve("/quantitative_analysis/performance_metrics/0/value"), kNoNode);
  EXPECT_EQ(t.string(t.Resolve("/quantitative_analysis/performance_metrics/0/type")), "auc");
  EXPECT_DOUBLE_EQ(
      t.real(t.Resolve("/quantitative_analysis/performance_metrics/0/confidence_interval/"
                       "lower_bound")),
      0.9);
  EXPECT_EQ(t.string(t.Resolve("/datasets/0/id")), "train-data");
}

TEST(CycloneDxImportTest, NonNumericConfidenceBoundsAreWarningsToo) {
  std::vector<Evidence> docs =
      MustImport(Patch(kTwoModels, R"("upperBound": "95%")", R"("upperBound": "The upper bound")"));
  ASSERT_FALSE(docs.empty());
  ASSERT_EQ(docs[0].warnings.size(), 1u);
  EXPECT_EQ(docs[0].warnings[0].location.pointer,
            "/components/0/modelCard/quantitativeAnalysis/performanceMetrics/0/"
            "confidenceInterval/upperBound");
  EXPECT_NE(docs[0].warnings[0].message.find("confidence interval upper bound \"The upper bound\" "
                                             "is not a number"),
            std::string::npos)
      << docs[0].warnings[0].message;
  const JsonTree& t = docs[0].tree;
  EXPECT_DOUBLE_EQ(t.real(t.Resolve("/quantitative_analysis/performance_metrics/0/value")), 0.93);
  EXPECT_EQ(t.Resolve("/quantitative_analysis/performance_metrics/0/confidence_interval/"
                      "upper_bound"),
            kNoNode);
}

TEST(CycloneDxImportTest, NumbersInStringsStillParseWithoutWarnings) {
  for (const char* text : {"0.93", "93%"}) {
    std::vector<Evidence> docs = MustImport(
        Patch(kTwoModels, R"("value": "0.93")", "\"value\": \"" + std::string(text) + "\""));
    ASSERT_FALSE(docs.empty());
    EXPECT_TRUE(docs[0].warnings.empty()) << text;
    const JsonTree& t = docs[0].tree;
    const NodeId value = t.Resolve("/quantitative_analysis/performance_metrics/0/value");
    ASSERT_NE(value, kNoNode) << text;
    EXPECT_DOUBLE_EQ(t.real(value), 0.93) << text;
  }
}

// An error still fails the file, and its warnings are reported with it, in source order.
TEST(CycloneDxImportTest, AnErrorFailsTheFileAndCarriesItsWarnings) {
  std::string bom = Patch(kTwoModels, R"("value": "0.93")", R"("value": "high")");
  bom = Patch(bom, R"("useCases": [ "ranking" ])", R"("useCases": "ranking")");
  std::vector<Diagnostic> d = MustFail(bom);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(d[0].location.line, 18u);
  EXPECT_EQ(d[1].severity, Diagnostic::Severity::kError);
  EXPECT_NE(d[1].message.find("\"useCases\" must be an array"), std::string::npos);
}

TEST(CycloneDxImportTest, ADanglingDatasetRefIsReportedAtTheRef) {
  std::vector<Diagnostic> d =
      MustFail(Patch(kTwoModels, R"({ "ref": "train-data" })", R"({ "ref": "gone" })"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.line, 14u);
  EXPECT_EQ(d[0].location.pointer, "/components/0/modelCard/modelParameters/datasets/0/ref");
  EXPECT_NE(d[0].message.find("dataset ref \"gone\" names no component"), std::string::npos)
      << d[0].message;
}

TEST(CycloneDxImportTest, ARefToAComponentThatIsNotDataIsAnError) {
  std::vector<Diagnostic> d =
      MustFail(Patch(kTwoModels, R"({ "ref": "train-data" })", R"({ "ref": "model-a" })"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("not of type \"data\""), std::string::npos) << d[0].message;
}

TEST(CycloneDxImportTest, EveryProblemIsReportedNotOnlyTheFirst) {
  std::string bom = Patch(kTwoModels, R"("value": "0.93")", R"("value": true)");
  bom = Patch(bom, R"("useCases": [ "ranking" ])", R"("useCases": "ranking")");
  std::vector<Diagnostic> d = MustFail(bom);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_NE(d[0].message.find("must be a number or a string"), std::string::npos);
  EXPECT_NE(d[1].message.find("\"useCases\" must be an array"), std::string::npos);
}

TEST(CycloneDxImportTest, ABomWithoutAModelIsRejectedAtItsRoot) {
  std::vector<Diagnostic> d = MustFail(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
    "components": [{"type": "library", "name": "x"}, {"type": "data", "name": "y"}]})");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.line, 1u);
  EXPECT_NE(d[0].message.find("no component of type \"machine-learning-model\""),
            std::string::npos);
  EXPECT_NE(d[0].message.find("1 data, 1 library"), std::string::npos) << d[0].message;
}

TEST(CycloneDxImportTest, VersionsBeforeModelCardsAreRejected) {
  std::vector<Diagnostic> d =
      MustFail(Patch(kTwoModels, R"("specVersion": "1.6")", R"("specVersion": "1.4")"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.pointer, "/specVersion");
  EXPECT_NE(d[0].message.find("has no modelCard"), std::string::npos);
}

TEST(CycloneDxImportTest, NestedAndMetadataModelsAreFound) {
  std::vector<Evidence> docs = MustImport(R"({"bomFormat": "CycloneDX", "specVersion": "1.5",
    "metadata": {"component": {"type": "machine-learning-model", "name": "subject"}},
    "components": [{"type": "application", "name": "app", "components": [
      {"type": "machine-learning-model", "name": "inner", "group": "g"}]}]})");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "subject");
  EXPECT_EQ(docs[1].id, "g/inner");
}

// Positions in findings are the original file's: a check failing at a metric's value reports
// the line of that value in the BOM.
TEST(CycloneDxImportTest, FindingsPointAtTheOriginalLines) {
  testing::InlinePack pack;
  pack.File("checks.lua", R"lua(
control "A.6.2.4" {
  title = "Metrics", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    ctx:fail("/quantitative_analysis/performance_metrics/0/value", "too low")
    ctx:insufficient("/risk_tier", "no risk tier")
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
)lua");
  ASSERT_TRUE(pack.Load().ok());
  Report r = pack.Eval(MustImport(kTwoModels));
  std::vector<const Finding*> findings = testing::FindingsOf(r, "A.6.2.4");
  ASSERT_EQ(findings.size(), 2u);
  const Finding* a = findings[0]->evidence->id == "model-a" ? findings[0] : findings[1];
  ASSERT_EQ(a->violations.size(), 2u);
  EXPECT_EQ(a->evidence->path, "bom.json");
  EXPECT_EQ(a->violations[0].line, 18u);
  EXPECT_EQ(a->violations[0].column, 39u);
  EXPECT_EQ(a->violations[1].line, 5u);  // missing: the component's line
  EXPECT_TRUE(a->violations[1].missing);
}

constexpr const char* kMct = R"(
{
  "schema_version": "0.0.2",
  "model_details": {
    "name": "cats",
    "version": { "name": "v2" }
  },
  "quantitative_analysis": {
    "performance_metrics": [ { "type": "accuracy", "value": "0.9" } ]
  },
  "considerations": { "limitations": [ { "description": "dogs" } ] }
}
)";

TEST(ModelCardToolkitImportTest, OneCardNamedByNameAndVersion) {
  std::vector<Evidence> docs = MustImport(kMct, "mct.json");
  ASSERT_EQ(docs.size(), 1u);
  const JsonTree& t = docs[0].tree;
  EXPECT_EQ(docs[0].id, "cats@v2");
  EXPECT_EQ(t.string(t.Resolve("/version")), "v2");
  NodeId value = t.Resolve("/quantitative_analysis/performance_metrics/0/value");
  ASSERT_NE(value, kNoNode);
  EXPECT_DOUBLE_EQ(t.real(value), 0.9);
  EXPECT_EQ(t.line(value), 8u);
  EXPECT_EQ(t.string(t.Resolve("/considerations/technical_limitations/0")), "dogs");
  EXPECT_EQ(t.line(t.Resolve("/considerations/technical_limitations/0")), 10u);
}

TEST(ModelCardToolkitImportTest, ANonNumericMetricIsALocatedWarning) {
  std::vector<Evidence> docs = MustImport(Patch(kMct, R"("0.9")", R"("ninety")"), "mct.json");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].warnings.size(), 1u);
  EXPECT_EQ(docs[0].warnings[0].location.line, 8u);
  EXPECT_EQ(docs[0].warnings[0].location.pointer,
            "/quantitative_analysis/performance_metrics/0/value");
  EXPECT_EQ(docs[0].tree.Resolve("/quantitative_analysis/performance_metrics/0/value"), kNoNode);
}

TEST(ModelCardToolkitImportTest, AnUnknownSchemaVersionIsRejected) {
  std::vector<Diagnostic> d = MustFail(Patch(kMct, "0.0.2", "9.0"), "mct.json");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.pointer, "/schema_version");
}

}  // namespace
}  // namespace aimsgate
