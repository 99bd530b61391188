// Evidence: a JsonTree plus the checks every document must pass before any control reads it.
#include "aimsgate/evidence.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/sha256.h"

namespace aimsgate {
namespace fs = std::filesystem;

bool IsEvidenceKind(std::string_view kind) {
  return std::find(std::begin(kEvidenceKinds), std::end(kEvidenceKinds), kind) !=
         std::end(kEvidenceKinds);
}

namespace {

Diagnostic EvidenceError(const std::string& path, const JsonTree& tree, NodeId node,
                         std::string pointer, std::string message) {
  Diagnostic d;
  d.location.file = path;
  d.location.line = node == kNoNode ? 1 : tree.line(node);
  d.location.column = node == kNoNode ? 1 : tree.column(node);
  d.location.pointer = std::move(pointer);
  d.message = std::move(message);
  return d;
}

std::string KindList() {
  std::string out;
  for (std::string_view k : kEvidenceKinds) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

}  // namespace

Result<Evidence> ParseEvidence(std::string_view text, const std::string& path,
                               const EvidenceOptions& options) {
  Result<JsonTree> parsed = JsonTree::Parse(text, path, options.limits, options.first_line);
  if (!parsed.ok()) return parsed.status();
  return NativeEvidence(std::move(parsed).value(), path, Sha256Digest(text), options.default_id);
}

Result<Evidence> NativeEvidence(JsonTree parsed, const std::string& path, std::string digest,
                                const std::string& default_id) {
  Evidence ev;
  ev.path = path;
  ev.digest = std::move(digest);
  ev.tree = std::move(parsed);
  const JsonTree& tree = ev.tree;
  const NodeId root = tree.root();

  std::vector<Diagnostic> problems;
  if (tree.type(root) != JsonType::kObject) {
    problems.push_back(EvidenceError(path, tree, root, "",
                                     "evidence must be a JSON object with a \"kind\" member"));
    return Status::InvalidInput(std::move(problems));
  }
  NodeId kind = tree.member(root, "kind");
  if (kind == kNoNode) {
    problems.push_back(
        EvidenceError(path, tree, root, "", "missing \"kind\": expected one of " + KindList()));
  } else if (tree.type(kind) != JsonType::kString || !IsEvidenceKind(tree.string(kind))) {
    std::string got = tree.type(kind) == JsonType::kString
                          ? "\"" + std::string(tree.string(kind)) + "\""
                          : std::string("a non-string value");
    problems.push_back(
        EvidenceError(path, tree, kind, "/kind",
                      "unknown evidence kind " + got + ": expected one of " + KindList()));
  } else {
    ev.kind = std::string(tree.string(kind));
  }
  NodeId version = tree.member(root, "schema_version");
  if (version == kNoNode) {
    problems.push_back(EvidenceError(path, tree, root, "", "missing \"schema_version\""));
  } else if (tree.type(version) != JsonType::kString) {
    problems.push_back(EvidenceError(path, tree, version, "/schema_version",
                                     "\"schema_version\" must be a string"));
  }
  NodeId id = tree.member(root, "id");
  if (id != kNoNode && (tree.type(id) != JsonType::kString || tree.string(id).empty())) {
    problems.push_back(EvidenceError(path, tree, id, "/id", "\"id\" must be a non-empty string"));
  }
  if (!problems.empty()) return Status::InvalidInput(std::move(problems));
  ev.id = id != kNoNode         ? std::string(tree.string(id))
          : !default_id.empty() ? default_id
                                : fs::path(path).stem().string();
  return ev;
}

Result<std::string> ReadEvidenceFile(const std::string& path, const EvidenceOptions& options) {
  auto fail = [&](const std::string& message) {
    Diagnostic d;
    d.location.file = path;
    d.message = message;
    return Status::InvalidInput({std::move(d)});
  };
  std::error_code ec;
  // Look before opening: opening a FIFO blocks, and a device such as /dev/zero never ends.
  const fs::file_status status = fs::status(path, ec);
  if (ec && fs::is_symlink(fs::symlink_status(path))) {
    return fail("cannot read: " + ec.message() + " (a symbolic link that cannot be followed)");
  }
  if (fs::is_directory(status)) return fail("is a directory, not an evidence file");
  if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
    return fail(std::string("is a ") +
                (fs::is_fifo(status)                                          ? "FIFO"
                 : fs::is_character_file(status) || fs::is_block_file(status) ? "device"
                 : fs::is_socket(status)                                      ? "socket"
                                                                              : "special file") +
                ", not a regular file: evidence must be a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail("cannot read: " + std::string(fs::exists(path, ec)
                                                  ? "permission denied or not a regular file"
                                                  : "no such file"));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return fail("cannot read: not a regular file");
  if (static_cast<uint64_t>(size) > options.limits.max_bytes) {
    return fail("file is " + std::to_string(size) + " bytes, over the limit of " +
                std::to_string(options.limits.max_bytes) + " (see --max-evidence-bytes)");
  }
  in.seekg(0);
  std::string text(static_cast<size_t>(size), '\0');
  if (!in.read(text.data(), size)) return fail("read failed");
  return text;
}

Result<Evidence> LoadEvidenceFile(const std::string& path, const EvidenceOptions& options) {
  Result<std::string> text = ReadEvidenceFile(path, options);
  if (!text.ok()) return text.status();
  return ParseEvidence(*text, path, options);
}

Result<std::vector<std::string>> ExpandEvidencePaths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  std::vector<Diagnostic> problems;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::none, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        // Every *.json entry but a directory: a FIFO or a symbolic link that loops is then
        // reported by LoadEvidenceFile rather than skipped. Linked directories are not followed.
        if (it->path().extension() == ".json" && !it->is_directory(ec)) {
          found.push_back(it->path().string());
        }
        ec.clear();
      }
      if (ec) {
        Diagnostic d;
        d.location.file = p;
        d.message = "cannot list directory: " + ec.message();
        problems.push_back(std::move(d));
      }
      std::sort(found.begin(), found.end());
      if (found.empty() && !ec) {
        Diagnostic d;
        d.location.file = p;
        d.message = "directory holds no *.json evidence";
        problems.push_back(std::move(d));
      }
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(fs::symlink_status(p, ec))) {  // a looping link too: reported later
      files.push_back(p);
    } else {
      Diagnostic d;
      d.location.file = p;
      d.message = "no such file or directory";
      problems.push_back(std::move(d));
    }
  }
  if (!problems.empty()) return Status::InvalidInput(std::move(problems));
  return files;
}

}  // namespace aimsgate
