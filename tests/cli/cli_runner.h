// Helpers for the CLI tests: run aimsgate in-process and capture what it prints, read and
// write whole files. Header-only so that every tests/cli/*_test.cc can use it.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace aimsgate::clitest {

// Everything one command produced.
struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `aimsgate args...` in-process with `stdin_text` as its standard input and a
// non-terminal stdout (so the text report has no colour).
inline CliRun RunAimsgate(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  cli::Io io{in, out, err, false};
  CliRun run;
  run.exit_code = cli::RunCli(args, io);
  run.out = out.str();
  run.err = err.str();
  return run;
}

// The file's bytes, or nullopt when it cannot be read.
inline std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces the file's contents with `text`. Returns false on failure.
inline bool WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

// `text` with every occurrence of `from` replaced by `to`.
inline std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The non-empty lines of `text`, without their line ends ("\n" or "\r\n").
inline std::vector<std::string> NonEmptyLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace aimsgate::clitest
