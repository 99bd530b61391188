#include "commands/ndjson_reader.h"

namespace aimsgate::cli {

bool NdjsonReader::Next(StreamInput* out) {
  std::string text;
  while (std::getline(in_, text)) {
    ++line_;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    out->path = kStdinPath;
    out->text = std::move(text);
    out->first_line = line_;
    out->default_id = "stdin-line-" + std::to_string(line_);
    return true;
  }
  return false;
}

}  // namespace aimsgate::cli
