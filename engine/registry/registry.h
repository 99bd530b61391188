// The ISO/IEC 42001:2023 identifier registry: the 32 clause requirements and 38 Annex A
// controls, by identifier and short title. Embedded from registry/iso42001.json at build time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aimsgate {

struct RegistryEntry {
  std::string id;     // "6.1.2", "A.6.2.4"
  std::string title;  // short title, a paraphrase
  bool annex_a = false;
};

class Iso42001Registry {
 public:
  // The registry, parsed once on first use. Thread-safe.
  static const Iso42001Registry& Get();

  // The entry for `id`, or nullptr.
  const RegistryEntry* Find(std::string_view id) const;
  bool Contains(std::string_view id) const { return Find(id) != nullptr; }
  const std::vector<RegistryEntry>& entries() const { return entries_; }
  // The closest identifier to an unknown one, for "did you mean" hints; "" if none is close.
  std::string Suggest(std::string_view id) const;

 private:
  std::vector<RegistryEntry> entries_;
};

// True if `id` has the shape of an ISO/IEC 42001 identifier ("4.1", "A.6.2.4").
bool LooksLikeIsoIdentifier(std::string_view id);

}  // namespace aimsgate
