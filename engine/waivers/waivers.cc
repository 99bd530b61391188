// Waiver files (parsing with located diagnostics) and applying waivers to a report's findings.
#include "aimsgate/waivers.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <span>
#include <sstream>

#include "aimsgate/dates.h"
#include "aimsgate/json_tree.h"

namespace aimsgate {
namespace {

constexpr const char* kRootFields[] = {"kind", "schema_version", "waivers"};
constexpr const char* kWaiverFields[] = {"id",       "control",  "subject", "justification",
                                         "approver", "approved", "expires"};

class WaiverParser {
 public:
  WaiverParser(const JsonTree& tree, const std::string& file) : tree_(tree), file_(file) {}

  std::vector<Waiver> Parse() {
    const NodeId root = tree_.root();
    if (tree_.type(root) != JsonType::kObject) {
      Error(root,
            "a waiver file is a JSON object {\"kind\": \"waivers\", \"schema_version\": "
            "\"1.0\", \"waivers\": [...]}");
      return {};
    }
    UnknownFields(root, kRootFields);
    NodeId kind = Required(root, "kind");
    if (kind != kNoNode &&
        (tree_.type(kind) != JsonType::kString || tree_.string(kind) != "waivers")) {
      Error(kind, "\"kind\" must be \"waivers\"");
    }
    NodeId version = Required(root, "schema_version");
    if (version != kNoNode &&
        (tree_.type(version) != JsonType::kString || tree_.string(version) != "1.0")) {
      Error(version, "\"schema_version\" must be \"1.0\"");
    }
    std::vector<Waiver> out;
    NodeId list = Required(root, "waivers");
    if (list == kNoNode) return out;
    if (tree_.type(list) != JsonType::kArray) {
      Error(list, "\"waivers\" must be an array of waivers");
      return out;
    }
    std::map<std::string, uint32_t> id_lines;  // waiver id -> line of its first entry
    for (uint32_t i = 0; i < tree_.size(list); ++i) {
      const NodeId entry = tree_.child(list, i);
      const NodeId id =
          tree_.type(entry) == JsonType::kObject ? tree_.member(entry, "id") : kNoNode;
      if (id != kNoNode && tree_.type(id) == JsonType::kString) {
        auto [first, inserted] = id_lines.emplace(std::string(tree_.string(id)), tree_.line(entry));
        if (!inserted) {
          Error(id, "duplicate waiver id \"" + first->first + "\" (first at line " +
                        std::to_string(first->second) + ")");
        }
      }
      if (std::optional<Waiver> w = ParseWaiver(entry)) out.push_back(std::move(*w));
    }
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.location.line, a.location.column) <
             std::pair(b.location.line, b.location.column);
    });
    return out;
  }

  std::vector<Diagnostic> errors;

 private:
  void Error(NodeId node, std::string message) {
    Diagnostic d;
    d.location.file = file_;
    d.location.line = tree_.line(node);
    d.location.column = tree_.column(node);
    d.location.pointer = tree_.PointerOf(node);
    d.message = std::move(message);
    errors.push_back(std::move(d));
  }

  void UnknownFields(NodeId object, std::span<const char* const> allowed) {
    for (uint32_t i = 0; i < tree_.size(object); ++i) {
      NodeId member = tree_.child(object, i);
      std::string_view key = tree_.key(member);
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
        std::string known;
        for (const char* a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
        Error(member, "unknown field \"" + std::string(key) + "\" (known: " + known + ")");
      }
    }
  }

  NodeId Required(NodeId object, const char* name) {
    NodeId n = tree_.member(object, name);
    if (n == kNoNode) Error(object, std::string("missing \"") + name + "\"");
    return n;
  }

  // A non-blank string member; "" (with a diagnostic unless absent and optional) otherwise.
  std::string Text(NodeId object, const char* name, bool required) {
    NodeId n = required ? Required(object, name) : tree_.member(object, name);
    if (n == kNoNode) return "";
    if (tree_.type(n) != JsonType::kString) {
      Error(n, std::string("\"") + name + "\" must be a string");
      return "";
    }
    std::string s(tree_.string(n));
    if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
      Error(n, std::string("\"") + name + "\" must not be blank");
      return "";
    }
    return s;
  }

  std::string Date(NodeId object, const char* name, bool required) {
    std::string s = Text(object, name, required);
    if (!s.empty() && !ParseDate(s)) {
      Error(tree_.member(object, name),
            std::string("\"") + name + "\" must be a calendar date YYYY-MM-DD, not \"" + s + "\"");
      return "";
    }
    return s;
  }

  std::optional<Waiver> ParseWaiver(NodeId entry) {
    if (tree_.type(entry) != JsonType::kObject) {
      Error(entry,
            "a waiver must be an object {id, control, subject, justification, approver, "
            "approved, expires}");
      return std::nullopt;
    }
    const size_t before = errors.size();
    UnknownFields(entry, kWaiverFields);
    Waiver w;
    w.file = file_;
    w.line = tree_.line(entry);
    w.column = tree_.column(entry);
    w.id = Text(entry, "id", true);
    w.control = Text(entry, "control", true);
    w.subject = Text(entry, "subject", true);
    w.justification = Text(entry, "justification", true);
    w.approver = Text(entry, "approver", false);
    w.approved = Date(entry, "approved", false);
    w.expires = Date(entry, "expires", true);
    if (!w.approved.empty() && !w.expires.empty() &&
        *ParseDate(w.expires) < *ParseDate(w.approved)) {
      Error(tree_.member(entry, "expires"),
            "\"expires\" (" + w.expires + ") is before \"approved\" (" + w.approved + ")");
    }
    if (errors.size() != before) return std::nullopt;
    return w;
  }

  const JsonTree& tree_;
  const std::string& file_;
};

// Glob matching with '*' (any run, also empty) and '?' (one character), iterative.
bool Glob(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool Waivable(FindingStatus s) {
  return s == FindingStatus::kFail || s == FindingStatus::kInsufficientEvidence;
}

}  // namespace

std::string_view ToString(WaiverOutcome::State state) {
  switch (state) {
    case WaiverOutcome::State::kApplied:
      return "applied";
    case WaiverOutcome::State::kUnmatched:
      return "unmatched";
    case WaiverOutcome::State::kExpired:
      return "expired";
    case WaiverOutcome::State::kNotApproved:
      return "not_approved";
  }
  return "unmatched";
}

std::string FindingRef(const Finding& f) {
  return f.evidence ? f.control + "@" + f.evidence->id : f.control;
}

Result<std::vector<Waiver>> ParseWaivers(std::string_view text, const std::string& file) {
  Result<JsonTree> tree = JsonTree::Parse(text, file);
  if (!tree.ok()) return tree.status();
  WaiverParser parser(*tree, file);
  std::vector<Waiver> waivers = parser.Parse();
  if (!parser.errors.empty()) {
    return Status::InvalidInput(file + ": invalid waiver file", std::move(parser.errors));
  }
  return waivers;
}

Result<std::vector<Waiver>> LoadWaiversFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.location.file = path;
    d.message = "cannot read the waiver file";
    return Status::InvalidInput({d});
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseWaivers(text.str(), path);
}

bool WaiverSubjectMatches(std::string_view subject, std::string_view evidence_id) {
  return Glob(subject, evidence_id);
}

void ApplyWaivers(const std::vector<Waiver>& waivers, const std::string& as_of, Report* report) {
  const int64_t today = ParseDate(as_of).value_or(0);
  for (const Waiver& w : waivers) {
    WaiverOutcome outcome;
    outcome.id = w.id;
    outcome.control = w.control;
    outcome.subject = w.subject;
    outcome.file = w.file;
    outcome.line = w.line;
    outcome.column = w.column;
    const std::string name = "waiver " + w.id + " for " + w.control;
    if (w.approver.empty() || w.approved.empty()) {
      outcome.state = WaiverOutcome::State::kNotApproved;
      outcome.message = name + " is not approved (it names no " +
                        std::string(w.approver.empty() ? "approver" : "approval date") + ")";
    } else if (*ParseDate(w.approved) > today) {
      outcome.state = WaiverOutcome::State::kNotApproved;
      outcome.message =
          name + " is not approved yet (approved " + w.approved + ", after " + as_of + ")";
    } else if (*ParseDate(w.expires) < today) {
      outcome.state = WaiverOutcome::State::kExpired;
      outcome.message = name + " expired on " + w.expires;
    } else {
      outcome.state = WaiverOutcome::State::kApplied;
    }
    for (Finding& f : report->findings) {
      if (f.control != w.control || !f.evidence || !Waivable(f.status) ||
          !Glob(w.subject, f.evidence->id)) {
        continue;
      }
      outcome.findings.push_back(FindingRef(f));
      if (outcome.state != WaiverOutcome::State::kApplied) {
        f.waiver_rejected += (f.waiver_rejected.empty() ? "" : "; ") + outcome.message;
        continue;
      }
      AppliedWaiver applied{w.id,       w.file,     w.line,   f.status, w.justification,
                            w.approver, w.approved, w.expires};
      f.waiver = std::move(applied);
      f.status = FindingStatus::kWaived;
      f.waiver_rejected.clear();  // a valid waiver supersedes the rejected ones before it
    }
    if (outcome.findings.empty() && outcome.state == WaiverOutcome::State::kApplied) {
      outcome.state = WaiverOutcome::State::kUnmatched;
      outcome.message =
          name + " (subject \"" + w.subject + "\") names no fail or insufficient_evidence finding";
    }
    report->waivers.push_back(std::move(outcome));
  }
  for (Finding& f : report->findings) {
    if (!f.waiver_rejected.empty()) {
      f.waiver_rejected += ", so it does not apply";
      f.message = f.waiver_rejected + ". " + f.message;
    }
  }
}

}  // namespace aimsgate
