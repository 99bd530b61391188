// The text and JSON renderings of `aimsgate validate` results.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "aimsgate/engine.h"
#include "report/json_fields.h"
#include "report/validation_writers.h"

namespace aimsgate::report {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;
using json::Field;
using json::String;

void OptionalString(Writer& w, const std::optional<std::string>& s) {
  if (s) {
    String(w, *s);
  } else {
    w.Null();
  }
}

void OptionalPosition(Writer& w, uint32_t value) {
  if (value > 0) {
    w.Uint(value);
  } else {
    w.Null();
  }
}

struct Counts {
  size_t valid = 0;
  size_t invalid = 0;
  size_t errors = 0;
};

Counts Count(const std::vector<DocumentValidation>& documents) {
  Counts c;
  for (const DocumentValidation& d : documents) {
    (d.errors.empty() ? c.valid : c.invalid) += 1;
    c.errors += d.errors.size();
  }
  return c;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void WriteValidationText(const std::vector<DocumentValidation>& documents, std::ostream& out) {
  for (const DocumentValidation& d : documents) {
    if (d.errors.empty()) {
      out << d.path << ": valid (" << d.kind.value_or("?") << ")\n";
      continue;
    }
    for (const Diagnostic& e : d.errors) out << e.ToString() << "\n";
  }
  const Counts c = Count(documents);
  out << Plural(documents.size(), "document", "documents") << ": " << c.valid << " valid, "
      << c.invalid << " invalid";
  if (c.errors > 0) out << " (" << Plural(c.errors, "error", "errors") << ")";
  out << "\n";
}

void WriteValidationJson(const std::vector<DocumentValidation>& documents, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 2);
  const Counts c = Count(documents);
  w.StartObject();
  json::WriteTool(w, "aimsgate", Version());
  w.Key("valid");
  w.Bool(c.invalid == 0);
  w.Key("summary");
  w.StartObject();
  w.Key("documents");
  w.Uint64(documents.size());
  w.Key("valid");
  w.Uint64(c.valid);
  w.Key("invalid");
  w.Uint64(c.invalid);
  w.Key("errors");
  w.Uint64(c.errors);
  w.EndObject();
  w.Key("documents");
  w.StartArray();
  for (const DocumentValidation& d : documents) {
    w.StartObject();
    Field(w, "path", d.path);
    w.Key("kind");
    OptionalString(w, d.kind);
    w.Key("id");
    OptionalString(w, d.id);
    w.Key("valid");
    w.Bool(d.errors.empty());
    w.Key("errors");
    w.StartArray();
    for (const Diagnostic& e : d.errors) {
      w.StartObject();
      Field(w, "file", e.location.file);
      w.Key("pointer");
      OptionalString(w, e.location.pointer);
      w.Key("line");
      OptionalPosition(w, e.location.line);
      w.Key("column");
      OptionalPosition(w, e.location.column);
      Field(w, "message", e.message);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

}  // namespace aimsgate::report
