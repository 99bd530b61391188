#include "pack/version_constraint.h"

#include <vector>

namespace aimsgate {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::vector<long> Parts(std::string_view v) {
  std::vector<long> out;
  long current = 0;
  for (char c : v) {
    if (c == '.') {
      out.push_back(current);
      current = 0;
    } else {
      current = current * 10 + (c - '0');
    }
  }
  out.push_back(current);
  return out;
}

// The smallest version above every version that `^base` accepts.
std::string CaretCeiling(std::string_view base) {
  std::vector<long> parts = Parts(base);
  size_t bump = parts.size() - 1;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] != 0) {
      bump = i;
      break;
    }
  }
  std::string out;
  for (size_t i = 0; i <= bump; ++i) {
    if (!out.empty()) out += ".";
    out += std::to_string(i == bump ? parts[i] + 1 : parts[i]);
  }
  return out;
}

}  // namespace

int CompareVersions(std::string_view a, std::string_view b) {
  std::vector<long> x = Parts(a), y = Parts(b);
  for (size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    long p = i < x.size() ? x[i] : 0, q = i < y.size() ? y[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

bool IsVersion(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  char previous = '.';
  for (char c : text) {
    if (c == '.' && previous == '.') return false;
    if (c != '.' && (c < '0' || c > '9')) return false;
    previous = c;
  }
  return true;
}

bool SatisfiesConstraint(std::string_view version, std::string_view constraint,
                         std::string* error) {
  error->clear();
  bool all = true;
  bool any_term = false;
  while (true) {
    size_t comma = constraint.find(',');
    std::string_view term = Trim(constraint.substr(0, comma));
    any_term = true;
    std::string_view op;
    for (std::string_view candidate : {">=", "<=", ">", "<", "=", "^"}) {
      if (term.substr(0, candidate.size()) == candidate) {
        op = candidate;
        break;
      }
    }
    std::string_view operand = Trim(term.substr(op.size()));
    if (!IsVersion(operand)) {
      *error = "'" + std::string(term) +
               "' is not a version constraint (e.g. \">=0.1, <1.0\", \"^0.1\", \"0.1.0\")";
      return false;
    }
    const int c = CompareVersions(version, operand);
    if (op == ">=") {
      all = all && c >= 0;
    } else if (op == ">") {
      all = all && c > 0;
    } else if (op == "<=") {
      all = all && c <= 0;
    } else if (op == "<") {
      all = all && c < 0;
    } else if (op == "^") {
      all = all && c >= 0 && CompareVersions(version, CaretCeiling(operand)) < 0;
    } else {
      all = all && c == 0;
    }
    if (comma == std::string_view::npos) break;
    constraint.remove_prefix(comma + 1);
  }
  return any_term && all;
}

}  // namespace aimsgate
