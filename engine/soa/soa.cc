// The Statement of Applicability: the organisation's SoA entries joined with the findings.
#include "aimsgate/soa.h"

#include "registry/registry.h"

namespace aimsgate {
namespace {

bool Blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string StringMember(const JsonTree& tree, NodeId object, const char* name) {
  NodeId n = tree.member(object, name);
  return n != kNoNode && tree.type(n) == JsonType::kString ? std::string(tree.string(n)) : "";
}

EvidenceRef RefTo(const Evidence& e, NodeId node) {
  const JsonTree& tree = e.tree;
  return {e.path, e.kind, e.id, tree.PointerOf(node), tree.line(node), tree.column(node), false};
}

bool Evaluated(FindingStatus s) {
  return s == FindingStatus::kPass || s == FindingStatus::kFail ||
         s == FindingStatus::kInsufficientEvidence || s == FindingStatus::kWaived ||
         s == FindingStatus::kError;
}

}  // namespace

std::string_view ToString(Applicability a) {
  switch (a) {
    case Applicability::kIncluded:
      return "included";
    case Applicability::kExcluded:
      return "excluded";
    case Applicability::kNotListed:
      return "not_listed";
    case Applicability::kNoSoa:
      return "no_soa";
  }
  return "no_soa";
}

std::string_view ToString(Implementation i) {
  switch (i) {
    case Implementation::kImplemented:
      return "implemented";
    case Implementation::kPartiallyImplemented:
      return "partially_implemented";
    case Implementation::kNotImplemented:
      return "not_implemented";
    case Implementation::kNotEvaluated:
      return "not_evaluated";
    case Implementation::kExcluded:
      return "excluded";
  }
  return "not_evaluated";
}

Result<StatementOfApplicability> BuildStatementOfApplicability(
    const Report& report, const std::vector<Evidence>& documents) {
  StatementOfApplicability soa;
  soa.as_of = report.as_of;
  soa.pack_id = report.pack_id;
  soa.pack_version = report.pack_version;

  const Evidence* org = nullptr;
  for (const Evidence& e : documents) {
    if (e.kind != "organization") continue;
    if (org != nullptr) {
      return Status::InvalidInput(
          "the Statement of Applicability comes from one organization "
          "document, but two were given: " +
          org->path + " and " + e.path);
    }
    org = &e;
  }
  NodeId list = kNoNode;
  if (org == nullptr) {
    soa.note = "no organization document was given, so no Statement of Applicability was read";
  } else {
    soa.organization = org->id;
    soa.organization_path = org->path;
    list = org->tree.Resolve("/statement_of_applicability/controls");
    if (list == kNoNode || org->tree.type(list) != JsonType::kArray) {
      soa.note =
          org->path + " has no Statement of Applicability (/statement_of_applicability/controls)";
      list = kNoNode;
    }
  }

  for (const RegistryEntry& r : Iso42001Registry::Get().entries()) {
    if (!r.annex_a) continue;
    SoaRow row;
    row.control = r.id;
    row.title = r.title;
    if (list != kNoNode) {
      const JsonTree& tree = org->tree;
      NodeId entry = kNoNode;
      for (uint32_t i = 0; i < tree.size(list); ++i) {
        NodeId e = tree.child(list, i);
        if (tree.type(e) == JsonType::kObject && StringMember(tree, e, "control") == r.id) {
          if (entry == kNoNode) {
            entry = e;
          } else {
            row.note = "listed twice in the SoA (also at line " + std::to_string(tree.line(e)) +
                       "); the first entry counts";
          }
        }
      }
      if (entry == kNoNode) {
        row.applicability = Applicability::kNotListed;
        row.entry = RefTo(*org, list);
        row.note = "the Statement of Applicability has no entry for " + r.id;
      } else {
        row.entry = RefTo(*org, entry);
        row.justification = StringMember(tree, entry, "justification");
        row.declared = StringMember(tree, entry, "implementation");
        const std::string status = StringMember(tree, entry, "status");
        if (status == "excluded" && !Blank(row.justification)) {
          row.applicability = Applicability::kExcluded;
        } else {
          row.applicability = Applicability::kIncluded;
          if (status == "excluded") {
            row.note = "excluded without a justification, so it counts as included";
          } else if (status != "included") {
            row.note = "its status is neither included nor excluded, so it counts as included";
          }
        }
      }
    }
    bool any_pass = false, any_gap = false, in_pack = false;
    // A vendor questionnaire judges the supplier's practice, not the organisation's: it speaks
    // to the organisation's implementation only of the third-party controls (A.10).
    const bool supplier_control = r.id.rfind("A.10.", 0) == 0;
    for (const Finding& f : report.findings) {
      if (f.control != r.id) continue;
      in_pack = true;
      if (!f.evidence) continue;
      if (f.evidence->kind == "vendor_questionnaire" && !supplier_control) continue;
      row.evidence.push_back(*f.evidence);
      row.statuses.push_back(f.status);
      if (!Evaluated(f.status)) continue;
      (f.status == FindingStatus::kPass ? any_pass : any_gap) = true;
    }
    if (!in_pack && row.note.empty())
      row.note = "pack " + report.pack_id + " has no control " + r.id;
    if (row.applicability == Applicability::kExcluded) {
      row.implementation = Implementation::kExcluded;
    } else if (any_pass && any_gap) {
      row.implementation = Implementation::kPartiallyImplemented;
    } else if (any_pass) {
      row.implementation = Implementation::kImplemented;
    } else if (any_gap) {
      row.implementation = Implementation::kNotImplemented;
    }
    soa.rows.push_back(std::move(row));
  }
  return soa;
}

}  // namespace aimsgate
