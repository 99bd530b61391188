// Micro-benchmarks of the per-document path, through the public API only (see bench/README.md).
// Inputs: bench/data/model_card_6k.json (a card from gen_corpus.py) and the bundled pack.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "aimsgate/engine.h"
#include "aimsgate/evidence.h"

namespace aimsgate {
namespace {

constexpr const char* kAsOf = "2026-11-24";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string& CardText() {
  static const std::string text = ReadFile(AIMSGATE_BENCH_DIR "/data/model_card_6k.json");
  return text;
}

Evidence Card() {
  Result<Evidence> ev = ParseEvidence(CardText(), "model_card_6k.json");
  if (!ev.ok()) std::abort();
  return std::move(ev).value();
}

EvalOptions Options(std::vector<std::string> controls = {}) {
  EvalOptions o;
  o.as_of = kAsOf;
  o.controls = std::move(controls);
  return o;
}

// Strict parsing with positions, the evidence checks and the document digest.
void BM_ParseEvidence(benchmark::State& state) {
  for (auto _ : state) {
    Result<Evidence> ev = ParseEvidence(CardText(), "model_card_6k.json");
    benchmark::DoNotOptimize(ev);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * CardText().size()));
}
BENCHMARK(BM_ParseEvidence);

// Evidence access from Lua: one control that walks the card through node handles (field
// reads, :get pointers, ipairs over arrays, pairs over objects), so the cost is the binding's.
void BM_EvidenceAccessFromLua(benchmark::State& state) {
  const PackSource pack = PackSource::FromFiles(
      "<bench>", {{"pack.lua", R"(pack { id = "bench", title = "bench", version = "1.0",
                                         modules = { "walk.lua" } })"},
                  {"walk.lua", R"(
control "A.6.2.4" {
  title = "walk", citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    local n = 0
    local function walk(v)
      if type(v) ~= "userdata" then n = n + 1 return end
      if v:is_array() then for _, x in ipairs(v) do walk(x) end
      else for _, x in pairs(v) do walk(x) end end
    end
    walk(doc)
    for _ = 1, 20 do
      if doc.risk_tier and doc:get("/impact_assessment/date") then n = n + 1 end
    end
    ctx:pass(tostring(n))
  end,
  remediation = { { key = "k", title = "t", owner = "o" } },
})"}});
  Engine engine;
  if (!engine.LoadPack(pack).ok()) std::abort();
  const std::vector<Evidence> docs = {Card()};
  for (auto _ : state) {
    Result<Report> r = engine.Evaluate(docs, Options());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EvidenceAccessFromLua);

// One control of the bundled pack on one card (A.6.2.4: verification and validation).
void BM_OneBundledControl(benchmark::State& state) {
  Engine engine;
  if (!engine.LoadPack(PackSource::Bundled()).ok()) std::abort();
  const std::vector<Evidence> docs = {Card()};
  const EvalOptions options = Options({"A.6.2.4"});
  for (auto _ : state) {
    Result<Report> r = engine.Evaluate(docs, options);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_OneBundledControl);

// The whole bundled pack on one card: every model-card control plus the report.
void BM_WholePackOneCard(benchmark::State& state) {
  Engine engine;
  if (!engine.LoadPack(PackSource::Bundled()).ok()) std::abort();
  const std::vector<Evidence> docs = {Card()};
  for (auto _ : state) {
    Result<Report> r = engine.Evaluate(docs, Options());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_WholePackOneCard);

// Cold start's biggest part: compiling and checking the bundled pack into a fresh sandbox.
void BM_LoadBundledPack(benchmark::State& state) {
  const PackSource source = PackSource::Bundled();
  for (auto _ : state) {
    Engine engine;
    Status s = engine.LoadPack(source);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_LoadBundledPack)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace aimsgate

BENCHMARK_MAIN();
