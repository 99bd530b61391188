// CycloneDX 1.5/1.6 ML-BOM -> model_card, one per machine-learning-model component. The field
// mapping is the table in docs/evidence.md ("Importing CycloneDX and Model Card Toolkit").
#include <map>

#include "aimsgate/import.h"
#include "import/mapper.h"

namespace aimsgate {
namespace {

using import::Mapper;

constexpr std::string_view kModelType = "machine-learning-model";

// Reads one BOM: its components by bom-ref, its model components in document order.
class CycloneDxImporter {
 public:
  CycloneDxImporter(const JsonTree& bom, const std::string& path, const std::string& digest)
      : m_(bom, path), src_(bom), path_(path), digest_(digest) {}

  Result<std::vector<Evidence>> Run();

 private:
  void Collect(NodeId component);
  void CollectList(NodeId list);
  void MapModel(NodeId component);
  void MapModelParameters(NodeId params);
  void MapDatasets(NodeId list);
  void MapReferencedDataset(NodeId ref);
  void MapDataset(NodeId entry, NodeId component, std::string_view id, NodeId id_at,
                  NodeId object_at);
  void MapGovernance(NodeId governance);
  void MapQuantitativeAnalysis(NodeId qa);
  void MapConsiderations(NodeId considerations);
  void MapEnvironment(NodeId environment);
  void MapMeasure(NodeId obj, std::string_view from, std::string_view to);
  void MapObjects(NodeId obj, std::string_view from, std::string_view to, std::string_view what,
                  const std::vector<std::pair<std::string_view, std::string_view>>& fields);
  std::string IdOf(NodeId component, NodeId* at) const;

  Mapper m_;
  const JsonTree& src_;
  const std::string& path_;
  const std::string& digest_;
  std::string spec_version_;
  std::map<std::string, NodeId, std::less<>> by_ref_;  // every component, by bom-ref
  std::vector<NodeId> models_;
  std::map<std::string, int> other_types_;  // the types of the other components, for messages
};

Result<std::vector<Evidence>> CycloneDxImporter::Run() {
  const NodeId root = src_.root();
  const NodeId version = m_.String(root, "specVersion");
  if (version == kNoNode) {
    if (src_.member(root, "specVersion") == kNoNode) m_.Error(root, "missing \"specVersion\"");
  } else {
    spec_version_ = std::string(src_.string(version));
    if (spec_version_ != "1.5" && spec_version_ != "1.6" && spec_version_ != "1.7") {
      const bool before_ml = spec_version_.size() == 3 && spec_version_.rfind("1.", 0) == 0 &&
                             spec_version_[2] >= '0' && spec_version_[2] <= '4';
      m_.Error(version,
               "CycloneDX specVersion " + spec_version_ +
                   (before_ml ? " has no modelCard (ML-BOMs came with 1.5)" : " is not supported") +
                   ": aimsgate imports CycloneDX 1.5 and 1.6 (and reads 1.7 as 1.6)");
    }
  }
  if (m_.failed()) return m_.Failure();

  const NodeId metadata = m_.Object(root, "metadata");
  const NodeId subject = m_.Object(metadata, "component");
  if (subject != kNoNode) Collect(subject);
  CollectList(m_.Array(root, "components"));
  if (m_.failed()) return m_.Failure();
  if (models_.empty()) {
    std::string found;
    for (const auto& [type, count] : other_types_) {
      found += (found.empty() ? "" : ", ") + std::to_string(count) + " " + type;
    }
    m_.Error(
        root,
        "this CycloneDX BOM has no component of type \"machine-learning-model\", so "
        "it holds no model card to evaluate (" +
            (found.empty() ? std::string("it has no components") : "its components: " + found) +
            ")");
    return m_.Failure();
  }

  std::vector<Evidence> documents;
  std::vector<Diagnostic> warnings;  // every document's, for a file that fails
  for (NodeId model : models_) {
    MapModel(model);
    Result<JsonTree> tree = m_.TakeTree();
    if (!tree.ok()) return tree.status();
    std::vector<Diagnostic> own = m_.TakeWarnings();
    warnings.insert(warnings.end(), own.begin(), own.end());
    if (m_.failed()) continue;  // reported below, with every other problem
    Evidence ev;
    ev.warnings = std::move(own);
    ev.path = path_;
    ev.kind = "model_card";
    ev.id = std::string(tree->string(tree->member(tree->root(), "id")));
    ev.digest = digest_;
    ev.tree = std::move(tree).value();
    documents.push_back(std::move(ev));
  }
  if (m_.failed()) return m_.Failure(std::move(warnings));
  return documents;
}

void CycloneDxImporter::CollectList(NodeId list) {
  if (list == kNoNode) return;
  for (uint32_t i = 0; i < src_.size(list); ++i) {
    const NodeId c = src_.child(list, i);
    if (m_.IsObject(c, "a component")) Collect(c);
  }
}

void CycloneDxImporter::Collect(NodeId component) {
  const NodeId ref = m_.String(component, "bom-ref");
  if (ref != kNoNode) by_ref_.emplace(std::string(src_.string(ref)), component);
  const NodeId type = m_.String(component, "type");
  if (type != kNoNode && src_.string(type) == kModelType) {
    models_.push_back(component);
  } else {
    ++other_types_[type == kNoNode ? "untyped" : std::string(src_.string(type))];
  }
  CollectList(m_.Array(component, "components"));
}

// The bom-ref (unique in a BOM by the specification), else [group/]name[@version].
std::string CycloneDxImporter::IdOf(NodeId component, NodeId* at) const {
  const JsonTree& t = src_;
  auto str = [&](std::string_view key) {
    NodeId n = t.member(component, key);
    return n != kNoNode && t.type(n) == JsonType::kString ? n : kNoNode;
  };
  if (NodeId ref = str("bom-ref"); ref != kNoNode && !t.string(ref).empty()) {
    *at = ref;
    return std::string(t.string(ref));
  }
  NodeId name = str("name"), group = str("group"), version = str("version");
  *at = name != kNoNode ? name : component;
  std::string id = name != kNoNode ? std::string(t.string(name)) : "unnamed-model";
  if (group != kNoNode && !t.string(group).empty()) id = std::string(t.string(group)) + "/" + id;
  if (version != kNoNode && !t.string(version).empty()) id += "@" + std::string(t.string(version));
  return id;
}

void CycloneDxImporter::MapModel(NodeId c) {
  JsonTreeComposer& out = m_.out();
  out.StartObject(m_.At(c));
  out.Key("kind");
  out.String("model_card", m_.At(c));
  out.Key("schema_version");
  out.String("1.0", m_.At(c));
  NodeId id_at = c;
  const std::string id = IdOf(c, &id_at);
  out.Key("id");
  out.String(id, m_.At(id_at));
  m_.CopyString(c, "name", "name");
  m_.CopyString(c, "version", "version");
  m_.CopyString(c, "description", "description");
  const NodeId supplier = m_.Object(c, "supplier");
  if (const NodeId name = m_.String(supplier, "name"); name != kNoNode) {
    out.Key("supplier");
    out.StartObject(m_.At(supplier));
    m_.CopyString(supplier, "name", "name");
    out.EndObject();
  }

  const NodeId card = m_.Object(c, "modelCard");
  const NodeId params = m_.Object(card, "modelParameters");
  MapModelParameters(params);
  MapDatasets(m_.Array(params, "datasets"));
  MapQuantitativeAnalysis(m_.Object(card, "quantitativeAnalysis"));
  MapConsiderations(m_.Object(card, "considerations"));
  m_.CopyProperties(card, "properties", "properties");

  // Where the document came from: the one member of our own an import adds.
  out.Key("extensions");
  out.StartObject(m_.At(c));
  out.Key("imported_from");
  out.StartObject(m_.At(c));
  out.Key("format");
  out.String("CycloneDX", m_.At(src_.root()));
  out.Key("spec_version");
  out.String(spec_version_, m_.At(src_.member(src_.root(), "specVersion")));
  out.Key("component");
  out.String(src_.PointerOf(c), m_.At(c));
  out.EndObject();
  out.EndObject();
  out.EndObject();
}

void CycloneDxImporter::MapModelParameters(NodeId p) {
  if (p == kNoNode) return;
  bool any = false;
  for (const char* key :
       {"approach", "task", "architectureFamily", "modelArchitecture", "inputs", "outputs"}) {
    any = any || src_.member(p, key) != kNoNode;
  }
  if (!any) return;  // only datasets: they go to the root
  JsonTreeComposer& out = m_.out();
  out.Key("model_parameters");
  out.StartObject(m_.At(p));
  if (const NodeId approach = m_.Object(p, "approach"); approach != kNoNode) {
    out.Key("approach");
    out.StartObject(m_.At(approach));
    m_.CopyString(approach, "type", "type");
    out.EndObject();
  }
  m_.CopyString(p, "task", "task");
  m_.CopyString(p, "architectureFamily", "architecture_family");
  m_.CopyString(p, "modelArchitecture", "model_architecture");
  MapObjects(p, "inputs", "inputs", "an input", {{"format", "format"}});
  MapObjects(p, "outputs", "outputs", "an output", {{"format", "format"}});
  out.EndObject();
}

// A list of objects whose string members map one to one.
void CycloneDxImporter::MapObjects(
    NodeId obj, std::string_view from, std::string_view to, std::string_view what,
    const std::vector<std::pair<std::string_view, std::string_view>>& fields) {
  const NodeId list = m_.Array(obj, from);
  if (list == kNoNode) return;
  JsonTreeComposer& out = m_.out();
  out.Key(to);
  out.StartArray(m_.At(list));
  for (uint32_t i = 0; i < src_.size(list); ++i) {
    const NodeId item = src_.child(list, i);
    if (!m_.IsObject(item, what)) continue;
    out.StartObject(m_.At(item));
    for (const auto& [source_key, target_key] : fields) m_.CopyString(item, source_key, target_key);
    out.EndObject();
  }
  out.EndArray();
}

void CycloneDxImporter::MapDatasets(NodeId list) {
  if (list == kNoNode) return;
  JsonTreeComposer& out = m_.out();
  out.Key("datasets");
  out.StartArray(m_.At(list));
  for (uint32_t i = 0; i < src_.size(list); ++i) {
    const NodeId item = src_.child(list, i);
    if (!m_.IsObject(item, "a dataset")) continue;
    if (src_.member(item, "ref") != kNoNode) {
      MapReferencedDataset(item);
    } else {
      const NodeId ref = m_.String(item, "bom-ref");
      MapDataset(item, kNoNode, ref == kNoNode ? "" : src_.string(ref), ref, item);
    }
  }
  out.EndArray();
}

// {"ref": "<bom-ref>"} names a component of type data; its data entries describe the dataset.
void CycloneDxImporter::MapReferencedDataset(NodeId item) {
  const NodeId ref = m_.String(item, "ref");
  if (ref == kNoNode) return;
  const std::string_view name = src_.string(ref);
  auto found = by_ref_.find(name);
  if (found == by_ref_.end()) {
    m_.Error(ref, "dataset ref \"" + std::string(name) +
                      "\" names no component of this BOM (no component has that bom-ref): add "
                      "the data component, or describe the dataset inline");
    return;
  }
  const NodeId component = found->second;
  const NodeId type = src_.member(component, "type");
  if (type == kNoNode || src_.type(type) != JsonType::kString || src_.string(type) != "data") {
    m_.Error(ref, "dataset ref \"" + std::string(name) + "\" names the component at " +
                      src_.PointerOf(component) + " (line " + std::to_string(src_.line(component)) +
                      "), which is not of type \"data\"");
    return;
  }
  const NodeId entries = m_.Array(component, "data");
  const uint32_t count = entries == kNoNode ? 0 : src_.size(entries);
  if (count <= 1) {
    const NodeId entry = count == 1 ? src_.child(entries, 0) : kNoNode;
    if (entry != kNoNode && !m_.IsObject(entry, "a data entry")) return;
    MapDataset(entry, component, name, ref, item);
    return;
  }
  for (uint32_t i = 0; i < count; ++i) {
    const NodeId entry = src_.child(entries, i);
    if (!m_.IsObject(entry, "a data entry")) continue;
    const NodeId entry_ref = m_.String(entry, "bom-ref");
    const std::string id = entry_ref != kNoNode ? std::string(src_.string(entry_ref))
                                                : std::string(name) + "#" + std::to_string(i);
    MapDataset(entry, component, id, entry_ref != kNoNode ? entry_ref : ref, item);
  }
}

// One dataset from a componentData `entry` (may be kNoNode) of a data `component` (kNoNode for
// an inline dataset): the entry's own members first, the component's where the entry lacks them.
void CycloneDxImporter::MapDataset(NodeId entry, NodeId component, std::string_view id,
                                   NodeId id_at, NodeId object_at) {
  JsonTreeComposer& out = m_.out();
  out.StartObject(m_.At(object_at));
  if (!id.empty()) {
    out.Key("id");
    out.String(id, m_.At(id_at));
  }
  auto from_either = [&](std::string_view key) {
    if (m_.String(entry, key) != kNoNode) {
      m_.CopyString(entry, key, key);
    } else {
      m_.CopyString(component, key, key);
    }
  };
  from_either("name");
  m_.CopyString(component, "version", "version");
  from_either("description");
  m_.CopyString(entry, "type", "type");
  if (const NodeId contents = m_.Object(entry, "contents"); contents != kNoNode) {
    if (m_.String(contents, "url") != kNoNode) {
      out.Key("contents");
      out.StartObject(m_.At(contents));
      m_.CopyString(contents, "url", "url");
      out.EndObject();
    }
  }
  m_.CopyString(entry, "classification", "classification");
  m_.CopyStrings(entry, "sensitiveData", "sensitive_data");
  MapGovernance(m_.Object(entry, "governance"));
  out.EndObject();
}

void CycloneDxImporter::MapGovernance(NodeId governance) {
  if (governance == kNoNode) return;
  JsonTreeComposer& out = m_.out();
  out.Key("governance");
  out.StartObject(m_.At(governance));
  for (const char* role : {"owners", "stewards", "custodians"}) {
    const NodeId list = m_.Array(governance, role);
    if (list == kNoNode) continue;
    out.Key(role);
    out.StartArray(m_.At(list));
    for (uint32_t i = 0; i < src_.size(list); ++i) {
      const NodeId party = src_.child(list, i);
      if (!m_.IsObject(party, "a responsible party")) continue;
      out.StartObject(m_.At(party));
      if (const NodeId org = m_.Object(party, "organization"); org != kNoNode) {
        out.Key("organization");
        out.StartObject(m_.At(org));
        m_.CopyString(org, "name", "name");
        m_.CopyStrings(org, "url", "url");
        out.EndObject();
      }
      if (const NodeId contact = m_.Object(party, "contact"); contact != kNoNode) {
        out.Key("contact");
        out.StartObject(m_.At(contact));
        m_.CopyString(contact, "name", "name");
        m_.CopyString(contact, "email", "email");
        m_.CopyString(contact, "phone", "phone");
        out.EndObject();
      }
      out.EndObject();
    }
    out.EndArray();
  }
  out.EndObject();
}

void CycloneDxImporter::MapQuantitativeAnalysis(NodeId qa) {
  if (qa == kNoNode) return;
  JsonTreeComposer& out = m_.out();
  out.Key("quantitative_analysis");
  out.StartObject(m_.At(qa));
  if (const NodeId metrics = m_.Array(qa, "performanceMetrics"); metrics != kNoNode) {
    out.Key("performance_metrics");
    out.StartArray(m_.At(metrics));
    for (uint32_t i = 0; i < src_.size(metrics); ++i) {
      const NodeId metric = src_.child(metrics, i);
      if (!m_.IsObject(metric, "a performance metric")) continue;
      out.StartObject(m_.At(metric));
      m_.CopyString(metric, "type", "type");
      m_.CopyMetricValue(metric);
      m_.CopyString(metric, "slice", "slice");
      m_.CopyConfidenceInterval(metric, "confidenceInterval", "lowerBound", "upperBound");
      out.EndObject();
    }
    out.EndArray();
  }
  if (const NodeId graphics = m_.Object(qa, "graphics"); graphics != kNoNode) {
    out.Key("graphics");
    out.StartObject(m_.At(graphics));
    m_.CopyString(graphics, "description", "description");
    if (const NodeId list = m_.Array(graphics, "collection"); list != kNoNode) {
      out.Key("collection");
      out.StartArray(m_.At(list));
      for (uint32_t i = 0; i < src_.size(list); ++i) {
        const NodeId g = src_.child(list, i);
        if (!m_.IsObject(g, "a graphic")) continue;
        out.StartObject(m_.At(g));
        m_.CopyString(g, "name", "name");
        if (const NodeId image = m_.Object(g, "image"); image != kNoNode) {
          out.Key("image");
          out.StartObject(m_.At(image));
          m_.CopyString(image, "contentType", "content_type");
          m_.CopyString(image, "encoding", "encoding");
          m_.CopyString(image, "content", "content");
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

void CycloneDxImporter::MapConsiderations(NodeId c) {
  if (c == kNoNode) return;
  JsonTreeComposer& out = m_.out();
  out.Key("considerations");
  out.StartObject(m_.At(c));
  m_.CopyStrings(c, "users", "users");
  m_.CopyStrings(c, "useCases", "use_cases");
  m_.CopyStrings(c, "technicalLimitations", "technical_limitations");
  m_.CopyStrings(c, "performanceTradeoffs", "performance_tradeoffs");
  MapObjects(c, "ethicalConsiderations", "ethical_considerations", "an ethical consideration",
             {{"name", "name"}, {"mitigationStrategy", "mitigation_strategy"}});
  MapEnvironment(m_.Object(c, "environmentalConsiderations"));
  MapObjects(c, "fairnessAssessments", "fairness_assessments", "a fairness assessment",
             {{"groupAtRisk", "group_at_risk"},
              {"benefits", "benefits"},
              {"harms", "harms"},
              {"mitigationStrategy", "mitigation_strategy"}});
  out.EndObject();
}

void CycloneDxImporter::MapEnvironment(NodeId env) {
  if (env == kNoNode) return;
  JsonTreeComposer& out = m_.out();
  out.Key("environmental_considerations");
  out.StartObject(m_.At(env));
  if (const NodeId list = m_.Array(env, "energyConsumptions"); list != kNoNode) {
    out.Key("energy_consumptions");
    out.StartArray(m_.At(list));
    for (uint32_t i = 0; i < src_.size(list); ++i) {
      const NodeId use = src_.child(list, i);
      if (!m_.IsObject(use, "an energy consumption")) continue;
      out.StartObject(m_.At(use));
      m_.CopyString(use, "activity", "activity");
      if (const NodeId providers = m_.Array(use, "energyProviders"); providers != kNoNode) {
        out.Key("energy_providers");
        out.StartArray(m_.At(providers));
        for (uint32_t j = 0; j < src_.size(providers); ++j) {
          const NodeId p = src_.child(providers, j);
          if (!m_.IsObject(p, "an energy provider")) continue;
          out.StartObject(m_.At(p));
          if (const NodeId org = m_.Object(p, "organization"); org != kNoNode) {
            out.Key("organization");
            out.StartObject(m_.At(org));
            m_.CopyString(org, "name", "name");
            out.EndObject();
          }
          m_.CopyString(p, "energySource", "energy_source");
          MapMeasure(p, "energyProvided", "energy_provided");
          out.EndObject();
        }
        out.EndArray();
      }
      MapMeasure(use, "activityEnergyCost", "activity_energy_cost");
      MapMeasure(use, "co2CostEquivalent", "co2_cost_equivalent");
      MapMeasure(use, "co2CostOffset", "co2_cost_offset");
      out.EndObject();
    }
    out.EndArray();
  }
  m_.CopyProperties(env, "properties", "properties");
  out.EndObject();
}

// An energy or CO2 measure: {value, unit}.
void CycloneDxImporter::MapMeasure(NodeId obj, std::string_view from, std::string_view to) {
  const NodeId measure = m_.Object(obj, from);
  if (measure == kNoNode) return;
  JsonTreeComposer& out = m_.out();
  out.Key(to);
  out.StartObject(m_.At(measure));
  m_.CopyNumber(measure, "value", "value", std::string(from) + " value");
  m_.CopyString(measure, "unit", "unit");
  out.EndObject();
}

}  // namespace

Result<std::vector<Evidence>> ImportCycloneDx(const JsonTree& bom, const std::string& path,
                                              const std::string& digest) {
  if (bom.root() == kNoNode || bom.type(bom.root()) != JsonType::kObject) {
    return Status::InvalidInput("a CycloneDX BOM must be a JSON object");
  }
  return CycloneDxImporter(bom, path, digest).Run();
}

}  // namespace aimsgate
