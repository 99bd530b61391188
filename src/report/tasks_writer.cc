#include "report/tasks_writer.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

namespace aimsgate::report {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

void WriteCsv(const Report& r, std::ostream& out) {
  out << "id,title,control,owner,priority,due,subjects,findings,description\r\n";
  for (const Task& t : r.tasks) {
    out << CsvField(t.id) << ',' << CsvField(t.title) << ',' << CsvField(t.control) << ','
        << CsvField(t.owner) << ',' << CsvField(t.priority) << ',' << CsvField(t.due) << ','
        << CsvField(Join(t.subjects)) << ',' << CsvField(Join(t.findings)) << ','
        << CsvField(t.description) << "\r\n";
  }
}

void WriteJsonTasks(const Report& r, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  rapidjson::PrettyWriter<rapidjson::OStreamWrapper> w(stream);
  w.SetIndent(' ', 2);
  auto str = [&](const std::string& s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("as_of");
  str(r.as_of);
  w.Key("pack");
  str(r.pack_id);
  w.Key("tasks");
  w.StartArray();
  for (const Task& t : r.tasks) {
    w.StartObject();
    for (auto [key, value] : {std::pair{"id", &t.id},
                              {"title", &t.title},
                              {"control", &t.control},
                              {"owner", &t.owner},
                              {"priority", &t.priority},
                              {"due", &t.due}}) {
      w.Key(key);
      str(*value);
    }
    for (auto [key, list] : {std::pair{"subjects", &t.subjects}, {"findings", &t.findings}}) {
      w.Key(key);
      w.StartArray();
      for (const std::string& s : *list) str(s);
      w.EndArray();
    }
    w.Key("description");
    str(t.description);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

}  // namespace

Result<std::string> TasksFormatFor(const std::string& path, const std::string& format) {
  if (!format.empty()) {
    if (format == "csv" || format == "json") return format;
    return Status::InvalidInput("unknown --tasks-format '" + format + "' (csv, json)");
  }
  auto ends_with = [&](const char* ext) {
    const std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends_with(".csv")) return std::string("csv");
  if (ends_with(".json")) return std::string("json");
  return Status::InvalidInput("--tasks-out '" + path +
                              "': name a .csv or .json file, or give --tasks-format csv|json");
}

void WriteTasks(const Report& report, const std::string& format, std::ostream& out) {
  if (format == "csv") {
    WriteCsv(report, out);
  } else {
    WriteJsonTasks(report, out);
  }
}

}  // namespace aimsgate::report
