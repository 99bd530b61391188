// Writers for the Statement of Applicability (aimsgate soa): one file per format. Each renders
// a StatementOfApplicability (plain data) deterministically.
#pragma once

#include <ostream>
#include <string>

#include "aimsgate/soa.h"

namespace aimsgate::report {

// RFC 4180, CRLF: control, title, applicability, justification, declared_implementation,
// implementation, soa_entry, evidence, note. Lists are joined with "; ".
void WriteSoaCsv(const StatementOfApplicability& soa, std::ostream& out);
// A heading, the table, then the notes.
void WriteSoaMarkdown(const StatementOfApplicability& soa, std::ostream& out);
// One object; keys as the CSV columns, locations as objects.
void WriteSoaJson(const StatementOfApplicability& soa, std::ostream& out);

// "path:line:col pointer", the way every row names a place in the evidence.
std::string SoaLocation(const EvidenceRef& ref);

}  // namespace aimsgate::report
