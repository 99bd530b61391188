-- Acme Bank's pack: the bundled ISO/IEC 42001 pack, made stricter where the bank's own policy
-- asks for more, plus two controls of its own.
pack {
  id = "acme-bank",
  title = "Acme Bank AI policy on ISO/IEC 42001",
  version = "1.0.0",
  framework = "ISO/IEC 42001:2023",
  engine = ">=0.1",
  extends = "iso42001@^0.1",
  params = {
    -- Which intended purposes make a model a credit model.
    credit_purpose_pattern = "(?i)credit|loan|lending|default",
  },
  modules = {
    "overrides.lua",
    "controls/acme.lua",
  },
}
