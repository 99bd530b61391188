// `eval --format ndjson` and NDJSON on stdin (`eval -`): the stream carries the same findings,
// tasks and gate as the batch JSON report, in input order whatever --jobs, with bad lines
// located at <stdin>:LINE:COL.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace aimsgate::clitest {
namespace {

namespace fs = std::filesystem;
constexpr const char* kAsOf = "2026-11-24";

fs::path ExampleDir() {
  return fs::path(AIMSGATE_SOURCE_DIR) / "examples" / "credit-scoring";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  EXPECT_EQ(start, text.size()) << "output does not end with a newline";
  return lines;
}

rapidjson::Document Parse(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  EXPECT_FALSE(d.HasParseError()) << json.substr(0, 200);
  return d;
}

std::string Compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return buffer.GetString();
}

// The example's documents as NDJSON: one compact line per file, in path order, and the ids.
std::string ExampleAsNdjson(int copies, std::vector<std::string>* ids = nullptr) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(ExampleDir())) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::string out;
  for (int copy = 0; copy < copies; ++copy) {
    for (const fs::path& f : files) {
      rapidjson::Document d = Parse(ReadFile(f).value_or(""));
      if (copies > 1) {
        const std::string id = std::string(d["id"].GetString()) + "-" + std::to_string(copy);
        d["id"].SetString(id.c_str(), static_cast<rapidjson::SizeType>(id.size()),
                          d.GetAllocator());
      }
      if (ids != nullptr) ids->push_back(d["id"].GetString());
      out += Compact(d) + "\n";
    }
  }
  return out;
}

// Files given as paths: the NDJSON lines hold exactly the findings and tasks of the JSON
// report, in the same order, and the summary line its summary and gate.
TEST(NdjsonStream, HoldsTheJsonReportsFindingsTasksAndGate) {
  const std::vector<std::string> common = {
      "eval", ExampleDir().string(), "--as-of", kAsOf, "--jobs", "2"};
  std::vector<std::string> json_args = common, ndjson_args = common;
  json_args.insert(json_args.end(), {"--format", "json"});
  ndjson_args.insert(ndjson_args.end(), {"--format", "ndjson"});
  const CliRun batch = RunAimsgate(json_args);
  const CliRun stream = RunAimsgate(ndjson_args);
  ASSERT_EQ(batch.exit_code, cli::kExitFail) << batch.err;
  EXPECT_EQ(stream.exit_code, batch.exit_code) << stream.err;
  EXPECT_EQ(stream.err, batch.err);

  const rapidjson::Document report = Parse(batch.out);
  const std::vector<std::string> lines = Lines(stream.out);
  ASSERT_EQ(lines.size(), report["evidence"].Size() + 1);
  rapidjson::Document findings(rapidjson::kArrayType), tasks(rapidjson::kArrayType);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    rapidjson::Document line = Parse(lines[i]);
    EXPECT_STREQ(line["type"].GetString(), "document");
    EXPECT_EQ(line["index"].GetUint64(), i);
    EXPECT_EQ(line["evidence"]["id"],
              report["evidence"][static_cast<rapidjson::SizeType>(i)]["id"]);
    for (auto& f : line["findings"].GetArray()) {
      findings.PushBack(rapidjson::Value(f, findings.GetAllocator()), findings.GetAllocator());
    }
    for (auto& t : line["tasks"].GetArray()) {
      tasks.PushBack(rapidjson::Value(t, tasks.GetAllocator()), tasks.GetAllocator());
    }
  }
  rapidjson::Document summary = Parse(lines.back());
  EXPECT_STREQ(summary["type"].GetString(), "summary");
  EXPECT_EQ(summary["documents"].GetUint(), report["evidence"].Size());
  for (auto& f : summary["findings"].GetArray()) {
    findings.PushBack(rapidjson::Value(f, findings.GetAllocator()), findings.GetAllocator());
  }
  EXPECT_EQ(Compact(findings), Compact(report["findings"]));
  EXPECT_EQ(Compact(tasks), Compact(report["tasks"]));
  EXPECT_EQ(Compact(summary["summary"]), Compact(report["summary"]));
  EXPECT_EQ(Compact(summary["gate"]), Compact(report["gate"]));
  EXPECT_EQ(Compact(summary["pack"]), Compact(report["pack"]));
}

// The same documents on stdin: the same statuses per control and document, and the same gate;
// only the path (<stdin>) and the line numbers differ.
TEST(NdjsonStream, StdinGivesTheSameStatusesAndGateAsFiles) {
  const CliRun files = RunAimsgate(
      {"eval", ExampleDir().string(), "--format", "json", "--as-of", kAsOf, "--jobs", "1"});
  const CliRun piped = RunAimsgate(
      {"eval", "-", "--format", "json", "--as-of", kAsOf, "--jobs", "2"}, ExampleAsNdjson(1));
  ASSERT_EQ(piped.exit_code, files.exit_code) << piped.err;
  const rapidjson::Document a = Parse(files.out), b = Parse(piped.out);
  ASSERT_EQ(a["findings"].Size(), b["findings"].Size());
  for (rapidjson::SizeType i = 0; i < a["findings"].Size(); ++i) {
    const auto& fa = a["findings"][i];
    const auto& fb = b["findings"][i];
    EXPECT_EQ(fa["control"], fb["control"]);
    EXPECT_EQ(fa["status"], fb["status"]);
    EXPECT_EQ(fa["message"], fb["message"]);
    EXPECT_EQ(fa["tasks"], fb["tasks"]);
    if (fb["evidence"].IsObject()) {
      EXPECT_STREQ(fb["evidence"]["path"].GetString(), "<stdin>");
    }
  }
  EXPECT_EQ(Compact(a["summary"]), Compact(b["summary"]));
  EXPECT_EQ(Compact(a["gate"]), Compact(b["gate"]));
}

// Many documents over several workers: byte-identical output and exit code for every --jobs,
// every document once, in input order.
TEST(NdjsonStream, IdenticalForAnyJobsAndInInputOrder) {
  std::vector<std::string> ids;
  const std::string input = ExampleAsNdjson(6, &ids);
  auto run = [&](const char* jobs) {
    return RunAimsgate({"eval", "-", "--format", "ndjson", "--as-of", kAsOf, "--jobs", jobs},
                       input);
  };
  const CliRun first = run("1");
  ASSERT_EQ(first.exit_code, cli::kExitFail) << first.err;
  const std::vector<std::string> lines = Lines(first.out);
  ASSERT_EQ(lines.size(), ids.size() + 1);
  for (size_t i = 0; i < ids.size(); ++i) {
    rapidjson::Document line = Parse(lines[i]);
    EXPECT_EQ(line["evidence"]["id"].GetString(), ids[i]);
    EXPECT_EQ(line["evidence"]["line"].GetUint(), i + 1);
  }
  for (const char* jobs : {"2", "3", "8"}) {
    const CliRun parallel = run(jobs);
    EXPECT_EQ(parallel.exit_code, first.exit_code) << "--jobs " << jobs;
    EXPECT_EQ(parallel.out, first.out) << "--jobs " << jobs << " differs from --jobs 1";
    EXPECT_EQ(parallel.err, first.err);
  }
}

// Files are the run's context and come first; stdin documents follow them.
TEST(NdjsonStream, FilesComeFirstThenStdin) {
  const fs::path card = ExampleDir() / "model_card.json";
  const std::string line = R"({"kind":"pipeline_run","schema_version":"1.0","id":"piped-run"})"
                           "\n";
  const CliRun run = RunAimsgate(
      {"eval", "-", card.string(), "--format", "ndjson", "--as-of", kAsOf, "--jobs", "2"}, line);
  ASSERT_EQ(run.exit_code, cli::kExitFail) << run.err;
  const std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(Parse(lines[0])["evidence"]["path"].GetString(), card.string());
  EXPECT_STREQ(Parse(lines[1])["evidence"]["id"].GetString(), "piped-run");
  EXPECT_EQ(Parse(lines[2])["documents"].GetUint(), 2u);
}

// --profile reports on stderr and leaves the report as it was.
TEST(NdjsonStream, ProfileGoesToStderrAndLeavesTheReportAlone) {
  const std::vector<std::string> args = {
      "eval", ExampleDir().string(), "--format", "ndjson", "--as-of", kAsOf, "--jobs", "2"};
  std::vector<std::string> profiled = args;
  profiled.push_back("--profile");
  const CliRun plain = RunAimsgate(args);
  const CliRun with_profile = RunAimsgate(profiled);
  EXPECT_EQ(with_profile.out, plain.out);
  EXPECT_EQ(with_profile.exit_code, plain.exit_code);
  EXPECT_NE(with_profile.err.find("profile: 70 controls"), std::string::npos) << with_profile.err;
  EXPECT_NE(with_profile.err.find("A.6.2.4"), std::string::npos);
}

// -o writes what stdout shows, whole; nothing is left when the run stops on bad usage.
TEST(NdjsonStream, OutputFileHoldsTheStream) {
  const fs::path dir = fs::path(testing::TempDir()) / "aimsgate_ndjson_output";
  fs::create_directories(dir);
  const fs::path out = dir / "run.ndjson";
  fs::remove(out);
  const std::vector<std::string> args = {
      "eval", ExampleDir().string(), "--format", "ndjson", "--as-of", kAsOf, "--jobs", "1"};
  std::vector<std::string> to_file = args;
  to_file.insert(to_file.end(), {"-o", out.string()});
  const CliRun shown = RunAimsgate(args);
  const CliRun written = RunAimsgate(to_file);
  EXPECT_EQ(written.exit_code, shown.exit_code);
  EXPECT_EQ(written.out, "");
  EXPECT_EQ(ReadFile(out).value_or("(missing)"), shown.out);
  size_t leftovers = 0;
  for (const auto& e : fs::directory_iterator(dir)) leftovers += e.path() != out;
  EXPECT_EQ(leftovers, 0u) << "a temporary file was left behind";
}

}  // namespace
}  // namespace aimsgate::clitest
