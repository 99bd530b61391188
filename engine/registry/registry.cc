#include "registry/registry.h"

#include <algorithm>

#include "aimsgate/json_tree.h"
#include "aimsgate/registry.h"
#include "util/edit_distance.h"
#include "util/embedded.h"

namespace aimsgate {

const Iso42001Registry& Iso42001Registry::Get() {
  static const Iso42001Registry registry = [] {
    Iso42001Registry r;
    std::string_view text = embedded::EngineFile("registry/iso42001.json");
    Result<JsonTree> parsed = JsonTree::Parse(text, "registry/iso42001.json");
    if (!parsed.ok()) return r;  // cannot happen for the embedded file; tests pin its size
    const JsonTree& t = parsed.value();
    auto add_all = [&](NodeId groups, const char* list, bool annex_a) {
      for (uint32_t g = 0; g < t.size(groups); ++g) {
        NodeId items = t.member(t.child(groups, g), list);
        for (uint32_t i = 0; items != kNoNode && i < t.size(items); ++i) {
          NodeId item = t.child(items, i);
          r.entries_.push_back({std::string(t.string(t.member(item, "id"))),
                                std::string(t.string(t.member(item, "title"))), annex_a});
        }
      }
    };
    add_all(t.member(t.root(), "clauses"), "subclauses", false);
    add_all(t.member(t.root(), "annex_a"), "controls", true);
    return r;
  }();
  return registry;
}

const RegistryEntry* Iso42001Registry::Find(std::string_view id) const {
  for (const RegistryEntry& e : entries_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::string Iso42001Registry::Suggest(std::string_view id) const {
  std::string best;
  size_t best_distance = 3;
  for (const RegistryEntry& e : entries_) {
    size_t d = EditDistance(id, e.id);
    if (d < best_distance) {
      best_distance = d;
      best = e.id;
    }
  }
  return best;
}

bool LooksLikeIsoIdentifier(std::string_view id) {
  if (id.size() >= 2 && id[0] == 'A' && id[1] == '.') id.remove_prefix(2);
  if (id.empty() || id.front() == '.' || id.back() == '.') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

}  // namespace aimsgate

namespace aimsgate {

std::string Iso42001Title(std::string_view id) {
  const RegistryEntry* entry = Iso42001Registry::Get().Find(id);
  return entry == nullptr ? "" : entry->title;
}

}  // namespace aimsgate
