-- The bundled ISO/IEC 42001:2023 pack. Controls cite registry identifiers and describe what an
-- auditor looks for in our own words; none of the standard's text is reproduced here.
pack {
  id = "iso42001",
  title = "ISO/IEC 42001:2023 AI management system",
  version = "0.1.0",
  framework = "ISO/IEC 42001:2023",
  description = "Starter pack: AI risk assessment (6.1.2), the impact assessment process (A.5.2), "
    .. "verification and validation (A.6.2.4) and data provenance (A.7.5).",
  engine = ">=0.1",
  params = {
    -- Risks are scored likelihood x impact, each on 1..risk_scale_max.
    risk_scale_max = 5,
    -- The newest AI risk assessment may be at most this many days older than --as-of.
    risk_assessment_max_age_days = 365,
    -- The value of a model card's risk_tier that marks a high-risk AI system.
    high_risk_tier = "high",
  },
  sla_days = { critical = 7, high = 30, medium = 90, low = 180 },
  modules = {
    "clauses/c06_planning.lua",
    "annex_a/a05_impact.lua",
    "annex_a/a06_lifecycle.lua",
    "annex_a/a07_data.lua",
  },
}
