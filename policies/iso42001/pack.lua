-- The bundled ISO/IEC 42001:2023 pack. Controls cite registry identifiers and describe what an
-- auditor looks for in our own words; none of the standard's text is reproduced here.
pack {
  id = "iso42001",
  title = "ISO/IEC 42001:2023 AI management system",
  version = "0.1.0",
  framework = "ISO/IEC 42001:2023",
  description = "Every requirement of Clauses 4-10 and every Annex A control of ISO/IEC 42001:2023, "
    .. "checked against organisation records, model cards, pipeline runs and vendor questionnaires.",
  engine = ">=0.1",
  params = {
    -- Risks are scored likelihood x impact, each on 1..risk_scale_max.
    risk_scale_max = 5,
    -- The newest AI risk assessment may be at most this many days older than --as-of.
    risk_assessment_max_age_days = 365,
    -- The value of a model card's risk_tier that marks a high-risk AI system.
    high_risk_tier = "high",
    -- The longest time a supplier may take to notify the organisation of an incident, in days:
    -- A.10.3 (the supplier register's contracts and a vendor's terms) and A.8.4 (a vendor's
    -- incident notification commitment) judge a supplier by this one limit.
    max_incident_notification_days = 15,
  },
  sla_days = { critical = 7, high = 30, medium = 90, low = 180 },
  modules = {
    "clauses/c04_context.lua",
    "clauses/c05_leadership.lua",
    "clauses/c06_planning.lua",
    "clauses/c07_support.lua",
    "clauses/c08_operation.lua",
    "clauses/c09_performance.lua",
    "clauses/c10_improvement.lua",
    "annex_a/a02_policies.lua",
    "annex_a/a03_internal_organization.lua",
    "annex_a/a04_resources.lua",
    "annex_a/a05_impact.lua",
    "annex_a/a06_lifecycle.lua",
    "annex_a/a07_data.lua",
    "annex_a/a08_information.lua",
    "annex_a/a09_use.lua",
    "annex_a/a10_third_party.lua",
  },
}
