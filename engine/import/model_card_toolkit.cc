// TensorFlow Model Card Toolkit JSON (schema v0.0.2) -> one model_card. The field mapping is the
// table in docs/evidence.md ("Importing CycloneDX and Model Card Toolkit").
#include <filesystem>

#include "aimsgate/import.h"
#include "import/mapper.h"

namespace aimsgate {
namespace {

using import::Mapper;

// MCT lists of {"description": "..."} become lists of strings.
void CopyDescriptions(Mapper& m, NodeId obj, std::string_view from, std::string_view to) {
  const NodeId list = m.Array(obj, from);
  if (list == kNoNode) return;
  const JsonTree& src = m.src();
  m.out().Key(to);
  m.out().StartArray(m.At(list));
  for (uint32_t i = 0; i < src.size(list); ++i) {
    const NodeId item = src.child(list, i);
    if (!m.IsObject(item, "an item of \"" + std::string(from) + "\"")) continue;
    const NodeId text = m.String(item, "description");
    if (text == kNoNode) {
      if (src.member(item, "description") == kNoNode) m.Error(item, "missing \"description\"");
      continue;
    }
    m.out().String(src.string(text), m.At(text));
  }
  m.out().EndArray();
}

void MapModelParameters(Mapper& m, NodeId p) {
  const JsonTree& src = m.src();
  JsonTreeComposer& out = m.out();
  if (p == kNoNode) return;
  const NodeId in = m.String(p, "input_format"), outf = m.String(p, "output_format");
  if (src.member(p, "model_architecture") == kNoNode && in == kNoNode && outf == kNoNode) return;
  out.Key("model_parameters");
  out.StartObject(m.At(p));
  m.CopyString(p, "model_architecture", "model_architecture");
  for (auto [node, key] : {std::pair{in, "inputs"}, std::pair{outf, "outputs"}}) {
    if (node == kNoNode) continue;
    out.Key(key);
    out.StartArray(m.At(node));
    out.StartObject(m.At(node));
    out.Key("format");
    out.String(src.string(node), m.At(node));
    out.EndObject();
    out.EndArray();
  }
  out.EndObject();
}

void MapDatasets(Mapper& m, NodeId list) {
  if (list == kNoNode) return;
  const JsonTree& src = m.src();
  JsonTreeComposer& out = m.out();
  out.Key("datasets");
  out.StartArray(m.At(list));
  for (uint32_t i = 0; i < src.size(list); ++i) {
    const NodeId d = src.child(list, i);
    if (!m.IsObject(d, "a dataset")) continue;
    out.StartObject(m.At(d));
    m.CopyString(d, "name", "name");
    m.CopyString(d, "description", "description");
    if (const NodeId link = m.String(d, "link"); link != kNoNode) {
      out.Key("contents");
      out.StartObject(m.At(link));
      m.CopyString(d, "link", "url");
      out.EndObject();
    }
    m.CopyStrings(m.Object(d, "sensitive"), "sensitive_data", "sensitive_data");
    out.EndObject();
  }
  out.EndArray();
}

void MapQuantitativeAnalysis(Mapper& m, NodeId qa) {
  if (qa == kNoNode) return;
  const JsonTree& src = m.src();
  JsonTreeComposer& out = m.out();
  out.Key("quantitative_analysis");
  out.StartObject(m.At(qa));
  if (const NodeId metrics = m.Array(qa, "performance_metrics"); metrics != kNoNode) {
    out.Key("performance_metrics");
    out.StartArray(m.At(metrics));
    for (uint32_t i = 0; i < src.size(metrics); ++i) {
      const NodeId metric = src.child(metrics, i);
      if (!m.IsObject(metric, "a performance metric")) continue;
      out.StartObject(m.At(metric));
      m.CopyString(metric, "type", "type");
      m.CopyMetricValue(metric);
      m.CopyString(metric, "slice", "slice");
      m.CopyConfidenceInterval(metric, "confidence_interval", "lower_bound", "upper_bound");
      out.EndObject();
    }
    out.EndArray();
  }
  if (const NodeId graphics = m.Object(qa, "graphics"); graphics != kNoNode) {
    out.Key("graphics");
    out.StartObject(m.At(graphics));
    m.CopyString(graphics, "description", "description");
    if (const NodeId list = m.Array(graphics, "collection"); list != kNoNode) {
      out.Key("collection");
      out.StartArray(m.At(list));
      for (uint32_t i = 0; i < src.size(list); ++i) {
        const NodeId g = src.child(list, i);
        if (!m.IsObject(g, "a graphic")) continue;
        out.StartObject(m.At(g));
        m.CopyString(g, "name", "name");
        if (const NodeId image = m.String(g, "image"); image != kNoNode) {
          out.Key("image");  // MCT: a base64 string; the encoding is not stated per image
          out.StartObject(m.At(image));
          m.CopyString(g, "image", "content");
          out.EndObject();
        }
        out.EndObject();
      }
      out.EndArray();
    }
    out.EndObject();
  }
  out.EndObject();
}

void MapConsiderations(Mapper& m, NodeId c) {
  if (c == kNoNode) return;
  const JsonTree& src = m.src();
  JsonTreeComposer& out = m.out();
  out.Key("considerations");
  out.StartObject(m.At(c));
  CopyDescriptions(m, c, "users", "users");
  CopyDescriptions(m, c, "use_cases", "use_cases");
  CopyDescriptions(m, c, "limitations", "technical_limitations");
  CopyDescriptions(m, c, "tradeoffs", "performance_tradeoffs");
  if (const NodeId risks = m.Array(c, "ethical_considerations"); risks != kNoNode) {
    out.Key("ethical_considerations");
    out.StartArray(m.At(risks));
    for (uint32_t i = 0; i < src.size(risks); ++i) {
      const NodeId r = src.child(risks, i);
      if (!m.IsObject(r, "an ethical consideration")) continue;
      out.StartObject(m.At(r));
      m.CopyString(r, "name", "name");
      m.CopyString(r, "mitigation_strategy", "mitigation_strategy");
      out.EndObject();
    }
    out.EndArray();
  }
  out.EndObject();
}

}  // namespace

Result<std::vector<Evidence>> ImportModelCardToolkit(const JsonTree& card, const std::string& path,
                                                     const std::string& digest) {
  const NodeId root = card.root();
  if (root == kNoNode || card.type(root) != JsonType::kObject) {
    return Status::InvalidInput("a Model Card Toolkit file must be a JSON object");
  }
  Mapper m(card, path);
  std::string schema_version;
  if (const NodeId v = m.String(root, "schema_version"); v != kNoNode) {
    schema_version = std::string(card.string(v));
    if (schema_version != "0.0.1" && schema_version != "0.0.2") {
      m.Error(v, "Model Card Toolkit schema_version " + schema_version +
                     " is not supported: aimsgate reads schema v0.0.2 (and v0.0.1)");
    }
  }
  const NodeId details = m.Object(root, "model_details");
  if (m.failed()) return m.Failure();

  const NodeId name = m.String(details, "name");
  const NodeId version = m.Object(details, "version");
  const NodeId version_name = m.String(version, "name");
  std::string id = name != kNoNode && !card.string(name).empty()
                       ? std::string(card.string(name))
                       : std::filesystem::path(path).stem().string();
  if (name != kNoNode && version_name != kNoNode && !card.string(version_name).empty()) {
    id += "@" + std::string(card.string(version_name));
  }

  JsonTreeComposer& out = m.out();
  out.StartObject(m.At(root));
  out.Key("kind");
  out.String("model_card", m.At(root));
  out.Key("schema_version");
  out.String("1.0", m.At(root));
  out.Key("id");
  out.String(id, m.At(name != kNoNode ? name : root));
  m.CopyString(details, "name", "name");
  m.CopyString(version, "name", "version");
  m.CopyString(details, "overview", "description");
  const NodeId params = m.Object(root, "model_parameters");
  MapModelParameters(m, params);
  MapDatasets(m, m.Array(params, "data"));
  MapQuantitativeAnalysis(m, m.Object(root, "quantitative_analysis"));
  MapConsiderations(m, m.Object(root, "considerations"));
  out.Key("extensions");
  out.StartObject(m.At(root));
  out.Key("imported_from");
  out.StartObject(m.At(root));
  out.Key("format");
  out.String("Model Card Toolkit", m.At(root));
  if (!schema_version.empty()) {
    out.Key("schema_version");
    out.String(schema_version, m.At(card.member(root, "schema_version")));
  }
  out.EndObject();
  out.EndObject();
  out.EndObject();

  Result<JsonTree> tree = m.TakeTree();
  if (!tree.ok()) return tree.status();
  if (m.failed()) return m.Failure();
  Evidence ev;
  ev.path = path;
  ev.kind = "model_card";
  ev.id = std::move(id);
  ev.digest = digest;
  ev.tree = std::move(tree).value();
  ev.warnings = m.TakeWarnings();
  std::vector<Evidence> documents;
  documents.push_back(std::move(ev));
  return documents;
}

}  // namespace aimsgate
