// Pack bytes -> PackSource::FromFiles -> LoadPack, and if it loads, evaluation of one model
// card. The input is split at NUL bytes: the first part is pack.lua, the others are modules
// annex_a/m1.lua, annex_a/m2.lua, ... and a part starting with "lib/" + name + "\n" is a lib.
#include <map>
#include <string>

#include "aimsgate/engine.h"
#include "fuzz_target.h"

namespace {

constexpr const char* kCard = R"({"kind": "model_card", "schema_version": "1.0", "id": "m1",
  "risk_tier": "high", "quantitative_analysis": {"performance_metrics": [
  {"type": "auc", "value": 0.9, "threshold": 0.8}]}})";

}  // namespace

AIMSGATE_FUZZ_TARGET(input) {
  std::map<std::string, std::string> files;
  size_t start = 0;
  for (int part = 0; start <= input.size(); ++part) {
    size_t end = input.find('\0', start);
    if (end == std::string_view::npos) end = input.size();
    std::string text(input.substr(start, end - start));
    std::string name = part == 0 ? "pack.lua" : "annex_a/m" + std::to_string(part) + ".lua";
    if (part > 0 && text.rfind("lib/", 0) == 0 && text.find('\n') != std::string::npos) {
      name = text.substr(0, text.find('\n')) + ".lua";
      text.erase(0, text.find('\n') + 1);
    }
    files[name] = std::move(text);
    start = end + 1;
  }
  aimsgate::EngineOptions options;
  options.instruction_budget = 2'000'000;
  options.memory_limit = 16ull << 20;
  aimsgate::Engine engine(options);
  if (!engine.LoadPack(aimsgate::PackSource::FromFiles("fuzz", std::move(files))).ok()) return;
  static const aimsgate::Evidence card = aimsgate::ParseEvidence(kCard, "card.json").value();
  aimsgate::EvalOptions eval;
  eval.as_of = "2026-11-24";
  aimsgate::Result<aimsgate::Report> r = engine.Evaluate({card}, eval);
  if (!r.ok()) __builtin_trap();
}
