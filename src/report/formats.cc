// The one place that maps a format name to its writer.
#include <string>

#include "report/writers.h"

namespace aimsgate::report {
namespace {

using RenderFunction = void (*)(const Report&, const RenderOptions&, std::ostream&);

struct Format {
  FormatInfo info;
  RenderFunction render;
};

// Adding a format: write src/report/<name>_writer.cc and add one line here.
const std::vector<Format>& Table() {
  static const std::vector<Format> table = {
      {{"text", "for people: grouped by status, blocking first"},
       [](const Report& r, const RenderOptions& o, std::ostream& out) {
         WriteText(r, TextOptions{o.color}, out);
       }},
      {{"json", "the contract, schemas/report.schema.json"},
       [](const Report& r, const RenderOptions&, std::ostream& out) { WriteJson(r, out); }},
      {{"sarif", "SARIF 2.1.0 for code scanning"}, WriteSarif},
      {{"junit", "JUnit XML for CI test views"},
       [](const Report& r, const RenderOptions&, std::ostream& out) { WriteJunit(r, out); }},
      {{"github", "GitHub Actions annotations (workflow commands)"},
       [](const Report& r, const RenderOptions&, std::ostream& out) { WriteGithub(r, out); }},
      {{"markdown", "a pull-request comment"},
       [](const Report& r, const RenderOptions&, std::ostream& out) { WriteMarkdown(r, out); }},
      {{"csv", "one row per finding, for spreadsheets"},
       [](const Report& r, const RenderOptions&, std::ostream& out) { WriteCsv(r, out); }},
      {{"html", "one self-contained page for an auditor, with a heat map"},
       [](const Report& r, const RenderOptions&, std::ostream& out) { WriteHtml(r, out); }},
  };
  return table;
}

}  // namespace

const std::vector<FormatInfo>& Formats() {
  static const std::vector<FormatInfo> formats = [] {
    std::vector<FormatInfo> out;
    for (const Format& f : Table()) out.push_back(f.info);
    return out;
  }();
  return formats;
}

std::string FormatNames() {
  std::string out;
  for (const FormatInfo& f : Formats()) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

bool Render(std::string_view format, const Report& report, const RenderOptions& options,
            std::ostream& out) {
  for (const Format& f : Table()) {
    if (f.info.name == format) {
      f.render(report, options, out);
      return true;
    }
  }
  return false;
}

}  // namespace aimsgate::report
