// Test support: a JSON Schema file loaded with valijson, for tests that hold an output (the
// JSON report, SARIF) to its contract. Load once per suite, validate many documents.
//
//   JsonSchema schema;
//   std::string problem = schema.Load(path, valijson::SchemaParser::kDraft7);  // "" when loaded
//   valijson::ValidationResults results;
//   bool valid = schema.Validate(document, &results);
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace aimsgate::clitest {

class JsonSchema {
 public:
  // Reads and parses the schema at `path` as `version`. Returns why it cannot be used, or ""
  // when it loaded.
  std::string Load(const std::filesystem::path& path, valijson::SchemaParser::Version version) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return "cannot read " + path.string();
    const std::string json = text.str();
    document_ = std::make_unique<rapidjson::Document>();
    document_->Parse(json.c_str(), json.size());
    if (document_->HasParseError()) {
      return path.string() +
             " is not JSON: " + rapidjson::GetParseError_En(document_->GetParseError()) +
             " at byte " + std::to_string(document_->GetErrorOffset());
    }
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(version);
    valijson::adapters::RapidJsonAdapter adapter(*document_);
    try {
      parser.populateSchema(adapter, *schema);
    } catch (const std::exception& e) {
      return path.string() + " is not a usable schema: " + e.what();
    }
    schema_ = std::move(schema);
    return "";
  }

  bool loaded() const { return schema_ != nullptr; }

  // Whether `document` is valid; every error goes to `results`. Requires loaded().
  bool Validate(const rapidjson::Document& document, valijson::ValidationResults* results) const {
    valijson::Validator validator;
    valijson::adapters::RapidJsonAdapter target(document);
    return validator.validate(*schema_, target, results);
  }

 private:
  std::unique_ptr<rapidjson::Document> document_;  // the schema refers into it: kept alive
  std::unique_ptr<valijson::Schema> schema_;
};

}  // namespace aimsgate::clitest
