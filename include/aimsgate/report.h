// The report as plain data: what one evaluation found. Writers in src/ render it; the JSON
// form is the contract described by schemas/report.schema.json.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aimsgate {

enum class FindingStatus : uint8_t {
  kPass,
  kFail,
  kInsufficientEvidence,
  kNotApplicable,
  kWaived,
  kError,
  kNotEvaluated,
};
inline constexpr int kFindingStatusCount = 7;
std::string_view ToString(FindingStatus status);

// Ordered from least to most severe, so that `a >= b` reads "a is at least as severe as b".
enum class Severity : uint8_t { kLow, kMedium, kHigh, kCritical };
std::string_view ToString(Severity severity);
bool ParseSeverity(std::string_view text, Severity* out);

// How a control's blocking findings gate a run: advisory never blocks; soft blocks unless the
// command line overrides it with a reason (recorded in the finding); hard always blocks.
enum class Enforcement : uint8_t { kAdvisory, kSoft, kHard };
std::string_view ToString(Enforcement enforcement);
bool ParseEnforcement(std::string_view text, Enforcement* out);

// A waiver that was applied to a finding. The finding's status becomes kWaived; the status it
// would have had is kept here so that every format can still show it.
struct AppliedWaiver {
  std::string id;     // the waiver's id in its file
  std::string file;   // the waiver file it came from
  uint32_t line = 0;  // where the waiver entry starts in that file
  FindingStatus original_status = FindingStatus::kFail;
  std::string justification;
  std::string approver;
  std::string approved;  // YYYY-MM-DD
  std::string expires;   // YYYY-MM-DD, inclusive
};

// Where a finding looked: the document and the value within it.
struct EvidenceRef {
  std::string path;
  std::string kind;
  std::string id;
  std::string pointer;  // JSON Pointer; "" is the whole document
  uint32_t line = 0;
  uint32_t column = 0;
  bool missing = false;  // nothing is at `pointer`: line:column are its nearest existing parent's
};

// One located reason for a finding's status. A finding keeps all of them.
struct Violation {
  FindingStatus status;  // kFail or kInsufficientEvidence
  std::string pointer;
  uint32_t line = 0;
  uint32_t column = 0;
  bool missing = false;  // nothing is at `pointer`: line:column are its nearest existing parent's
  std::string message;
  std::vector<std::string> task_keys;  // remediation keys that fix it; empty means all of them
};

struct Finding {
  std::string control;
  std::string title;
  FindingStatus status = FindingStatus::kPass;
  Severity severity = Severity::kMedium;
  std::vector<std::string> citations;
  std::map<std::string, std::vector<std::string>> crosswalk;  // framework -> references
  std::optional<EvidenceRef> evidence;                        // absent for kNotEvaluated
  std::string message;
  std::vector<Violation> violations;
  std::vector<std::string> tasks;  // Task ids
  Enforcement enforcement = Enforcement::kHard;
  std::optional<AppliedWaiver> waiver;  // set when status is kWaived
  std::string override_reason;          // a soft control overridden on the command line
  // Why the waivers naming this finding did not apply (expired, not approved), or "". Such a
  // finding keeps its status and blocks as if it had no waiver.
  std::string waiver_rejected;
  bool blocking = false;
  // With EvalOptions::trace_reads: the JSON Pointers the check read, "*" for array positions.
  std::vector<std::string> reads;
};

// "A.6.2.4@credit-model": names one finding of a report (one per control and document), or
// the control alone for a not_evaluated finding.
std::string FindingRef(const Finding& finding);

struct Task {
  std::string id;  // stable: derived from pack, control, task key and subject
  std::string control;
  std::string title;
  std::string owner;
  std::string priority;  // P1 (critical) .. P4 (low)
  std::string due;       // as_of plus the pack's SLA days for the severity, YYYY-MM-DD
  std::string subject;   // the evidence id the task is about; "" for a control-scoped task
  std::vector<std::string> subjects;  // every evidence id whose finding it fixes, in report order
  std::vector<std::string> findings;  // FindingRef of every finding it fixes, in report order
  std::string description;            // what to fix: the violations it answers, one per line
};

// What became of one waiver of --waivers in this run.
struct WaiverOutcome {
  enum class State : uint8_t { kApplied, kUnmatched, kExpired, kNotApproved };
  std::string id;
  std::string control;
  std::string subject;  // evidence id or glob
  std::string file;
  uint32_t line = 0;  // where its entry starts in `file`
  uint32_t column = 0;
  State state = State::kUnmatched;
  std::vector<std::string> findings;  // FindingRef of the findings it names (applied or not)
  std::string message;                // why it did not apply; "" when applied
};
std::string_view ToString(WaiverOutcome::State state);

// A soft control overridden with --override CONTROL=REASON.
struct OverrideOutcome {
  std::string control;
  std::string reason;
  std::vector<std::string> findings;  // FindingRef of the findings it kept from blocking
};

struct EvidenceSummary {
  std::string path;
  std::string kind;
  std::string id;
  std::string digest;
};

struct Gate {
  bool passed = true;
  Severity fail_on = Severity::kLow;
  bool require_evidence = false;
  uint32_t blocking = 0;  // number of blocking findings
};

struct Report {
  std::string tool_name = "aimsgate";
  std::string tool_version;
  std::string pack_id;
  std::string pack_version;
  std::string pack_digest;
  std::string as_of;  // YYYY-MM-DD
  std::vector<EvidenceSummary> evidence;
  std::array<uint32_t, kFindingStatusCount> summary{};  // indexed by FindingStatus
  Gate gate;
  std::vector<Finding> findings;
  std::vector<Task> tasks;
  std::vector<WaiverOutcome> waivers;     // every waiver given, in file order
  std::vector<OverrideOutcome> overrides;  // every --override given, by control id
};

}  // namespace aimsgate
