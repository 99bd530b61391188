#include "import/mapper.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace aimsgate::import {

bool ParseNumber(std::string_view text, double* value) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  bool percent = false;
  if (!text.empty() && text.back() == '%') {
    percent = true;
    text.remove_suffix(1);
  }
  // The JSON number grammar, except that a leading '+' and a leading zero are tolerated.
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  const bool integer_part = digits();
  bool fraction_part = false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    fraction_part = digits();
  }
  if (!integer_part && !fraction_part) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (!digits()) return false;
  }
  if (i != text.size()) return false;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return false;
  *value = percent ? v / 100 : v;
  return true;
}

const char* JsonTypeName(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kFalse:
    case JsonType::kTrue:
      return "a boolean";
    case JsonType::kInteger:
    case JsonType::kReal:
      return "a number";
    case JsonType::kString:
      return "a string";
    case JsonType::kArray:
      return "an array";
    case JsonType::kObject:
      return "an object";
  }
  return "a value";
}

void Mapper::Error(NodeId n, std::string message) {
  Diagnostic d;
  d.location = {path_, src_.line(n), src_.column(n), src_.PointerOf(n)};
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
}

void Mapper::Warn(NodeId n, std::string message) {
  Diagnostic d;
  d.severity = Diagnostic::Severity::kWarning;
  d.location = {path_, src_.line(n), src_.column(n), src_.PointerOf(n)};
  d.message = std::move(message);
  warnings_.push_back(std::move(d));
}

NodeId Mapper::Typed(NodeId obj, std::string_view key, JsonType type, const char* type_name) {
  if (obj == kNoNode || src_.type(obj) != JsonType::kObject) return kNoNode;
  const NodeId n = src_.member(obj, key);
  if (n == kNoNode) return kNoNode;
  if (src_.type(n) != type) {
    Error(n, "\"" + std::string(key) + "\" must be " + type_name + ", not " +
                 JsonTypeName(src_.type(n)));
    return kNoNode;
  }
  return n;
}

NodeId Mapper::Object(NodeId obj, std::string_view key) {
  return Typed(obj, key, JsonType::kObject, "an object");
}
NodeId Mapper::Array(NodeId obj, std::string_view key) {
  return Typed(obj, key, JsonType::kArray, "an array");
}
NodeId Mapper::String(NodeId obj, std::string_view key) {
  return Typed(obj, key, JsonType::kString, "a string");
}

bool Mapper::IsObject(NodeId n, std::string_view what) {
  if (src_.type(n) == JsonType::kObject) return true;
  Error(n, std::string(what) + " must be an object, not " + JsonTypeName(src_.type(n)));
  return false;
}

void Mapper::CopyString(NodeId obj, std::string_view from, std::string_view to) {
  const NodeId n = String(obj, from);
  if (n == kNoNode) return;
  out_.Key(to);
  out_.String(src_.string(n), At(n));
}

void Mapper::CopyStrings(NodeId obj, std::string_view from, std::string_view to) {
  const NodeId list = Array(obj, from);
  if (list == kNoNode) return;
  out_.Key(to);
  out_.StartArray(At(list));
  for (uint32_t i = 0; i < src_.size(list); ++i) {
    const NodeId item = src_.child(list, i);
    if (src_.type(item) != JsonType::kString) {
      Error(item, "each item of \"" + std::string(from) + "\" must be a string, not " +
                      JsonTypeName(src_.type(item)));
      continue;
    }
    out_.String(src_.string(item), At(item));
  }
  out_.EndArray();
}

void Mapper::CopyNumber(NodeId obj, std::string_view from, std::string_view to,
                        std::string_view what, TextNotNumber text) {
  if (obj == kNoNode) return;
  const NodeId n = src_.member(obj, from);
  if (n == kNoNode) return;
  switch (src_.type(n)) {
    case JsonType::kInteger:
      out_.Key(to);
      out_.Integer(src_.integer(n), At(n));
      return;
    case JsonType::kReal:
      out_.Key(to);
      out_.Real(src_.real(n), At(n));
      return;
    case JsonType::kString: {
      double v = 0;
      if (ParseNumber(src_.string(n), &v)) {
        out_.Key(to);
        out_.Real(v, At(n));
        return;
      }
      if (text.warn) {
        Warn(n, std::string(what) + " \"" + std::string(src_.string(n)) + "\" is not a number; " +
                    std::string(text.omitted));
        return;
      }
      Error(n, std::string(what) + " \"" + std::string(src_.string(n)) +
                   "\" is not a number: write a decimal number such as \"0.93\" (\"93%\" reads "
                   "as 0.93)");
      return;
    }
    default:
      Error(n, std::string(what) + " must be a number or a string holding one, not " +
                   JsonTypeName(src_.type(n)));
  }
}

void Mapper::CopyProperties(NodeId obj, std::string_view from, std::string_view to) {
  const NodeId list = Array(obj, from);
  if (list == kNoNode) return;
  out_.Key(to);
  out_.StartArray(At(list));
  for (uint32_t i = 0; i < src_.size(list); ++i) {
    const NodeId p = src_.child(list, i);
    if (!IsObject(p, "a property")) continue;
    if (String(p, "name") == kNoNode) {
      if (src_.member(p, "name") == kNoNode) Error(p, "a property needs a \"name\"");
      continue;
    }
    out_.StartObject(At(p));
    CopyString(p, "name", "name");
    CopyString(p, "value", "value");
    out_.EndObject();
  }
  out_.EndArray();
}

void Mapper::CopyMetricValue(NodeId metric) {
  CopyNumber(metric, "value", "value", "metric value",
             {.warn = true, .omitted = "the metric is imported without a value"});
}

void Mapper::CopyConfidenceInterval(NodeId metric, std::string_view interval,
                                    std::string_view lower, std::string_view upper) {
  const NodeId ci = Object(metric, interval);
  if (ci == kNoNode) return;
  out_.Key("confidence_interval");
  out_.StartObject(At(ci));
  CopyNumber(ci, lower, "lower_bound", "confidence interval lower bound",
             {.warn = true, .omitted = "the metric is imported without this bound"});
  CopyNumber(ci, upper, "upper_bound", "confidence interval upper bound",
             {.warn = true, .omitted = "the metric is imported without this bound"});
  out_.EndObject();
}

Status Mapper::Failure(std::vector<Diagnostic> warnings) {
  std::vector<Diagnostic> all = TakeDiagnostics();
  for (Diagnostic& w : warnings) all.push_back(std::move(w));
  for (Diagnostic& w : TakeWarnings()) all.push_back(std::move(w));
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.location.line, a.location.column) <
           std::pair(b.location.line, b.location.column);
  });
  return Status::InvalidInput(std::move(all));
}

Result<JsonTree> Mapper::TakeTree() {
  Result<JsonTree> tree = std::move(out_).Finish();
  out_ = JsonTreeComposer();
  return tree;
}

}  // namespace aimsgate::import
