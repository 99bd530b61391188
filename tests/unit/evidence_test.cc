// Evidence: what every document must be before a control reads it, and how paths expand.
#include "aimsgate/evidence.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "support/inline_pack.h"
#include "util/sha256.h"

namespace aimsgate {
namespace {

namespace fs = std::filesystem;
using testing::Src;

// The diagnostics of evidence that must be rejected.
std::vector<Diagnostic> Rejected(std::string_view text, const std::string& path = "ev/card.json") {
  Result<Evidence> r = ParseEvidence(Src(text), path);
  if (r.ok()) {
    ADD_FAILURE() << "accepted, but should not be: " << text;
    return {};
  }
  const Status status = r.status();
  EXPECT_EQ(status.code(), Status::Code::kInvalidInput);
  for (const Diagnostic& d : status.diagnostics()) EXPECT_EQ(d.location.file, path);
  return status.diagnostics();
}

TEST(ParseEvidenceTest, AcceptsAKnownKind) {
  const std::string text = R"({"kind": "model_card", "schema_version": "1.0", "id": "m1"})";
  Result<Evidence> r = ParseEvidence(text, "cards/m1.json");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->path, "cards/m1.json");
  EXPECT_EQ(r->kind, "model_card");
  EXPECT_EQ(r->id, "m1");
  EXPECT_EQ(r->digest, Sha256Digest(text));
  EXPECT_EQ(r->digest.rfind("sha256:", 0), 0u);
  EXPECT_EQ(r->tree.type(r->tree.root()), JsonType::kObject);
}

TEST(ParseEvidenceTest, EveryKindOfTheArchitectureIsKnown) {
  for (std::string_view kind : {"organization", "model_card", "pipeline_run", "vendor_questionnaire"}) {
    EXPECT_TRUE(IsEvidenceKind(kind)) << kind;
    const std::string text =
        R"({"kind": ")" + std::string(kind) + R"(", "schema_version": "1.0"})";
    Result<Evidence> r = ParseEvidence(text, "x.json");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->kind, kind);
  }
  EXPECT_FALSE(IsEvidenceKind("modelcard"));
  EXPECT_FALSE(IsEvidenceKind(""));
}

TEST(ParseEvidenceTest, MissingKindIsLocatedAtTheRoot) {
  std::vector<Diagnostic> d = Rejected(R"json(
{"schema_version": "1.0", "id": "m1"}
)json");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.pointer, std::optional<std::string>(""));
  EXPECT_EQ(d[0].location.line, 1u);
  EXPECT_EQ(d[0].location.column, 1u);
  EXPECT_NE(d[0].message.find("missing \"kind\""), std::string::npos) << d[0].message;
  EXPECT_NE(d[0].message.find("model_card"), std::string::npos) << "lists the kinds";
}

TEST(ParseEvidenceTest, UnknownKindPointsAtKindWithLineAndColumn) {
  std::vector<Diagnostic> d = Rejected(R"json(
{
  "schema_version": "1.0",
  "kind": "modelcard"
}
)json");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.pointer, std::optional<std::string>("/kind"));
  EXPECT_EQ(d[0].location.line, 3u);
  EXPECT_EQ(d[0].location.column, 11u);
  EXPECT_NE(d[0].message.find("\"modelcard\""), std::string::npos) << d[0].message;
  EXPECT_EQ(d[0].ToString().rfind("ev/card.json:3:11 (/kind): error: ", 0), 0u) << d[0].ToString();
}

TEST(ParseEvidenceTest, NonStringKindIsRejected) {
  std::vector<Diagnostic> d = Rejected(R"({"kind": 42, "schema_version": "1.0"})");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.pointer, std::optional<std::string>("/kind"));
  EXPECT_EQ(d[0].location.column, 10u);
}

TEST(ParseEvidenceTest, NonObjectRootIsRejected) {
  for (const char* text : {R"(["model_card"])", R"("model_card")", "42", "null"}) {
    std::vector<Diagnostic> d = Rejected(text);
    ASSERT_EQ(d.size(), 1u) << text;
    EXPECT_NE(d[0].message.find("JSON object"), std::string::npos) << d[0].message;
  }
}

TEST(ParseEvidenceTest, MissingSchemaVersionIsRejected) {
  std::vector<Diagnostic> d = Rejected(R"({"kind": "model_card", "id": "m1"})");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("schema_version"), std::string::npos) << d[0].message;
  d = Rejected(R"({"kind": "model_card", "schema_version": 1})");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.pointer, std::optional<std::string>("/schema_version"));
}

TEST(ParseEvidenceTest, AllProblemsAreCollected) {
  std::vector<Diagnostic> d = Rejected(R"({"kind": "nope", "id": ""})");
  EXPECT_EQ(d.size(), 3u) << "unknown kind, missing schema_version and an empty id";
}

TEST(ParseEvidenceTest, IdFallsBackToTheFileStem) {
  Result<Evidence> r = ParseEvidence(R"({"kind": "model_card", "schema_version": "1.0"})",
                                     "evidence/cards/fraud-model.v2.json");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->id, "fraud-model.v2");
  std::vector<Diagnostic> d = Rejected(R"({"kind": "model_card", "schema_version": "1.0", "id": 7})");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.pointer, std::optional<std::string>("/id"));
}

TEST(ParseEvidenceTest, InvalidJsonNamesTheFile) {
  std::vector<Diagnostic> d = Rejected("{\"kind\": \"model_card\",\n}", "bad.json");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].location.line, 1u);  // the trailing comma
  EXPECT_EQ(d[0].location.file, "bad.json");
}

TEST(ParseEvidenceTest, ParseLimitsApply) {
  EvidenceOptions options;
  options.limits.max_bytes = 16;
  Result<Evidence> r =
      ParseEvidence(R"({"kind": "model_card", "schema_version": "1.0"})", "big.json", options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("limit"), std::string::npos) << r.status().ToString();
}

// ---------------------------------------------------------------------------------------------
// Files and directories

// A temporary directory made for one test and removed after it.
class EvidenceFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("aimsgate-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& rel, const std::string& text) {
    const fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string Path(const std::string& rel) const { return (dir_ / rel).string(); }

  fs::path dir_;
};

constexpr const char* kCard = R"({"kind": "model_card", "schema_version": "1.0"})";

TEST_F(EvidenceFilesTest, LoadEvidenceFileReadsAndParses) {
  const std::string p = Write("cards/m7.json", kCard);
  Result<Evidence> r = LoadEvidenceFile(p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->path, p);
  EXPECT_EQ(r->id, "m7");
  EXPECT_EQ(r->digest, Sha256Digest(kCard));
}

TEST_F(EvidenceFilesTest, LoadEvidenceFileRejectsMissingFilesAndDirectories) {
  Result<Evidence> r = LoadEvidenceFile(Path("absent.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  ASSERT_EQ(r.status().diagnostics().size(), 1u);
  EXPECT_EQ(r.status().diagnostics()[0].location.file, Path("absent.json"));
  EXPECT_NE(r.status().diagnostics()[0].message.find("no such file"), std::string::npos);

  fs::create_directories(dir_ / "sub.json");
  r = LoadEvidenceFile(Path("sub.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
}

TEST_F(EvidenceFilesTest, LoadEvidenceFileChecksTheSizeLimitBeforeReading) {
  EvidenceOptions options;
  options.limits.max_bytes = 8;
  Result<Evidence> r = LoadEvidenceFile(Write("big.json", kCard), options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("over the limit of 8"), std::string::npos)
      << r.status().ToString();
}

TEST_F(EvidenceFilesTest, ExpandsDirectoriesRecursivelySortedByPath) {
  Write("b.json", kCard);
  Write("a.json", kCard);
  Write("sub/c.json", kCard);
  Write("sub/deeper/a.json", kCard);
  Write("notes.txt", "not evidence");
  Write("sub/readme.md", "not evidence");
  Result<std::vector<std::string>> r = ExpandEvidencePaths({dir_.string()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value(), (std::vector<std::string>{Path("a.json"), Path("b.json"),
                                                 Path("sub/c.json"), Path("sub/deeper/a.json")}));
}

TEST_F(EvidenceFilesTest, KeepsTheOrderOfTheArgumentsAndTakesFilesAsGiven) {
  const std::string z = Write("z.json", kCard);
  Write("d/b.json", kCard);
  Write("d/a.json", kCard);
  const std::string txt = Write("explicit.txt", kCard);  // named explicitly: taken as given
  Result<std::vector<std::string>> r = ExpandEvidencePaths({z, Path("d"), txt});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value(), (std::vector<std::string>{z, Path("d/a.json"), Path("d/b.json"), txt}));
  // The same inputs give the same list, every time.
  Result<std::vector<std::string>> again = ExpandEvidencePaths({z, Path("d"), txt});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), r.value());
}

TEST_F(EvidenceFilesTest, EveryMissingPathIsADiagnostic) {
  const std::string ok = Write("ok.json", kCard);
  Result<std::vector<std::string>> r =
      ExpandEvidencePaths({Path("missing-1.json"), ok, Path("missing-dir")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  ASSERT_EQ(r.status().diagnostics().size(), 2u) << r.status().ToString();
  EXPECT_EQ(r.status().diagnostics()[0].location.file, Path("missing-1.json"));
  EXPECT_EQ(r.status().diagnostics()[1].location.file, Path("missing-dir"));
}

TEST_F(EvidenceFilesTest, ADirectoryWithoutJsonIsADiagnostic) {
  Write("empty/notes.txt", "nothing here");
  Result<std::vector<std::string>> r = ExpandEvidencePaths({Path("empty")});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.status().diagnostics().size(), 1u);
  EXPECT_NE(r.status().diagnostics()[0].message.find("no *.json"), std::string::npos);
}

}  // namespace
}  // namespace aimsgate
