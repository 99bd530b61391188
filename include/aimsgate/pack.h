// A policy pack as the engine sees it once loaded: metadata only, no Lua.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "aimsgate/report.h"

namespace aimsgate {

// A pack parameter's value, as written in Lua or given with --param.
using ParamValue = std::variant<bool, int64_t, double, std::string>;
std::string ParamToString(const ParamValue& value);

// Whom one remediation task is about: each failing document gets its own task (kDocument), or
// one task fixes the control's findings in every document (kControl, e.g. a process to adopt).
enum class RemediationScope : uint8_t { kDocument, kControl };

struct RemediationSpec {
  std::string key;  // stable within the control; part of the task id
  std::string title;
  std::string owner;  // a role, e.g. "ml-engineering"
  RemediationScope scope = RemediationScope::kDocument;
};

struct ControlInfo {
  std::string id;  // "A.6.2.4", "6.1.2", or a custom id such as "ACME-1"
  std::string title;
  std::string description;              // what an auditor looks for; optional
  std::vector<std::string> citations;   // registry identifiers
  std::vector<std::string> applies_to;  // evidence kinds
  Severity severity = Severity::kMedium;
  Enforcement enforcement = Enforcement::kHard;
  std::map<std::string, std::vector<std::string>> crosswalk;
  std::map<std::string, ParamValue> params;
  std::vector<RemediationSpec> remediation;
  std::string file;  // pack-relative source file
  uint32_t line = 0;
  std::string pack;          // the id of the pack that declared it (for inherited ones, the parent)
  std::string switched_off;  // set when a pack switched it off: the message of its findings
  std::vector<std::string> changed_by;  // ids of the packs that override or switch it off
};

// A control that a pack extending another switched off, and why (the SoA shows it).
struct SwitchOff {
  std::string control;
  std::string pack;  // the id of the pack that switched it off
  std::string justification;
  std::string file;  // where the switch_off call is
  uint32_t line = 0;
};

// One pack of a loaded chain or set, e.g. iso42001 0.1.0 under acme-bank 1.0.0.
struct PackLayer {
  std::string id;
  std::string version;
  std::string source;   // the directory it was read from, or "<bundled iso42001>"
  std::string extends;  // the id of the pack it extends, or ""
};

struct PackInfo {
  std::string id;
  std::string title;
  std::string version;
  std::string framework;
  std::string digest;  // "sha256:<hex>" over every file of the pack, in path order
  std::string source;  // the directory it was loaded from, or "<bundled>"
  std::map<std::string, ParamValue> params;          // pack-wide parameters
  std::array<uint32_t, 4> sla_days{180, 90, 30, 7};  // indexed by Severity
  std::vector<ControlInfo> controls;                 // in load order
  std::vector<SwitchOff> switched_off;               // by packs that extend another
  std::vector<PackLayer> layers;                     // every pack loaded, parents first

  // The control with `id`, or nullptr.
  const ControlInfo* FindControl(const std::string& id) const;
};

}  // namespace aimsgate
