// Evidence bytes -> ParseEvidence -> evaluation against the bundled ISO/IEC 42001 pack.
#include <string>

#include "aimsgate/engine.h"
#include "fuzz_target.h"

namespace {

aimsgate::Engine& BundledEngine() {
  static aimsgate::Engine* engine = [] {
    auto* e = new aimsgate::Engine(aimsgate::EngineOptions{});
    if (!e->LoadPack(aimsgate::PackSource::Bundled()).ok()) __builtin_trap();
    return e;
  }();
  return *engine;
}

}  // namespace

AIMSGATE_FUZZ_TARGET(input) {
  aimsgate::Result<aimsgate::Evidence> ev = aimsgate::ParseEvidence(input, "fuzz.json");
  if (!ev.ok()) return;
  std::vector<aimsgate::Evidence> docs;
  docs.push_back(std::move(ev).value());
  aimsgate::EvalOptions options;
  options.as_of = "2026-11-24";
  aimsgate::Result<aimsgate::Report> r = BundledEngine().Evaluate(docs, options);
  if (!r.ok()) __builtin_trap();  // parsed evidence must always evaluate
}
