// No leakage between documents: a pack whose checks try to carry state from one document to
// the next (an upvalue counter, a module-level table, a lib's private cache, a metatable
// field; data/stateful-pack/) must give every document the same finding whatever documents
// came before it, in whatever order they are given and with however many jobs.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace aimsgate {
namespace {

using clitest::RunAimsgate;

const std::string kData = std::string(AIMSGATE_TEST_DIR) + "/cli/data/stateful-pack";

std::string Serialize(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return buffer.GetString();
}

// What a report says, independent of the order the documents were listed in: each finding
// keyed by document path and control, the set of documents, and the totals.
struct ReportContent {
  std::map<std::string, std::string> findings;
  std::set<std::string> documents;
  std::string summary, gate, tasks;
  std::string raw;
};

ReportContent Evaluate(const std::vector<std::string>& names, int jobs) {
  std::vector<std::string> args = {"eval"};
  for (const std::string& n : names) args.push_back(kData + "/evidence/" + n + ".json");
  for (const char* a : {"--pack", "", "--as-of", "2026-11-24", "--format", "json", "--jobs"}) {
    args.push_back(a);
  }
  args[names.size() + 2] = kData + "/pack";
  args.push_back(std::to_string(jobs));
  const clitest::CliRun run = RunAimsgate(args);
  ReportContent c;
  EXPECT_EQ(run.exit_code, 1) << run.err;
  rapidjson::Document d;
  d.Parse(run.out.c_str());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("findings")) {
    ADD_FAILURE() << "not a JSON report:\n" << run.out << run.err;
    return c;
  }
  for (const auto& f : d["findings"].GetArray()) {
    const std::string key =
        std::string(f["evidence"]["path"].GetString()) + " " + f["control"].GetString();
    EXPECT_TRUE(c.findings.emplace(key, Serialize(f)).second) << "two findings for " << key;
  }
  for (const auto& e : d["evidence"].GetArray()) c.documents.insert(Serialize(e));
  c.summary = Serialize(d["summary"]);
  c.gate = Serialize(d["gate"]);
  c.tasks = Serialize(d["tasks"]);
  c.raw = run.out;
  return c;
}

TEST(Isolation, EveryDocumentGetsTheSameFindingsWhateverTheOrderAndJobs) {
  const std::vector<std::string> forward = {"alpha", "bravo", "charlie", "delta", "echo"};
  const std::vector<std::string> backward = {"echo", "delta", "charlie", "bravo", "alpha"};
  const std::vector<std::string> shuffled = {"charlie", "alpha", "echo", "bravo", "delta"};
  const ReportContent reference = Evaluate(forward, 1);
  ASSERT_EQ(reference.findings.size(), 25u) << "5 controls x 5 documents";
  for (const auto& [key, finding] : reference.findings) {
    // The well-behaved control passes; every state-keeping one is an error on every document,
    // the first included (never a fail that reads another document).
    const bool well_behaved = key.ends_with("A.6.2.6");
    EXPECT_NE(finding.find(well_behaved ? "\"status\":\"pass\"" : "\"status\":\"error\""),
              std::string::npos)
        << key << ": " << finding;
    EXPECT_EQ(finding.find("came after"), std::string::npos) << key << ": " << finding;
    EXPECT_EQ(finding.find("document number"), std::string::npos) << key << ": " << finding;
  }
  for (const auto& order : {forward, backward, shuffled}) {
    for (int jobs : {1, 2}) {
      const ReportContent c = Evaluate(order, jobs);
      const std::string label = order.front() + "... with --jobs " + std::to_string(jobs);
      EXPECT_EQ(c.findings, reference.findings) << label;
      EXPECT_EQ(c.documents, reference.documents) << label;
      EXPECT_EQ(c.summary, reference.summary) << label;
      EXPECT_EQ(c.gate, reference.gate) << label;
      EXPECT_EQ(c.tasks, reference.tasks) << label;
      if (order == forward) {
        EXPECT_EQ(c.raw, reference.raw) << "byte-identical, " << label;
      }
    }
  }
}

TEST(Isolation, ADocumentEvaluatedAloneGetsTheFindingsItGetsAmongOthers) {
  const ReportContent all = Evaluate({"alpha", "bravo", "charlie", "delta", "echo"}, 2);
  for (const std::string name : {"alpha", "charlie", "echo"}) {
    const ReportContent alone = Evaluate({name}, 1);
    ASSERT_EQ(alone.findings.size(), 5u);
    for (const auto& [key, finding] : alone.findings) {
      ASSERT_TRUE(all.findings.count(key)) << key;
      EXPECT_EQ(all.findings.at(key), finding) << key;
    }
  }
}

}  // namespace
}  // namespace aimsgate
