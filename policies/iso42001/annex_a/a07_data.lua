-- Annex A.7: data for AI systems. Data provenance.
local util = require "util"

-- Remediation keys: which task fixes which violation.
local PROVENANCE = "record-provenance"

-- True for "sha256:" followed by 64 hex digits.
local function is_sha256(v)
  return type(v) == "string" and re.full(v, "sha256:[0-9a-fA-F]{64}")
end

-- Checks one dataset; returns true when it names its source and is traceable.
local function check_dataset(ds, at, i, ctx)
  local name = util.label("dataset", ds, i)
  if util.shape(ds) ~= "object" then
    ctx:fail(at, name .. " must be an object, found " .. util.show(ds), PROVENANCE)
    return false
  end
  local ok = true
  if not present(ds.source) then
    ctx:fail(at .. "/source", name .. " does not record its source", PROVENANCE)
    ok = false
  end
  local digest = ds.digest
  if digest ~= nil and not is_sha256(digest) then
    ctx:fail(at .. "/digest", ("%s: digest %s is not a sha256 digest (sha256:<64 hex digits>)")
      :format(name, util.show(digest)), PROVENANCE)
    ok = false
  end
  if not is_sha256(digest) and not present(ds.lineage) then
    ctx:fail(at, name .. " has no provenance: record a sha256 digest of its content or its "
      .. "lineage", PROVENANCE)
    ok = false
  end
  return ok
end

control "A.7.5" {
  title = "Provenance of the data used by the AI system",
  description = "Every dataset the AI system was built or evaluated with can be traced: it names "
    .. "its source, and either pins its content with a sha256 digest or records its lineage.",
  citations = { "A.7.5" },
  applies_to = { "model_card" },
  severity = "medium",
  check = function(doc, ctx)
    local datasets = util.require_list(doc, ctx, "/datasets", "datasets", PROVENANCE)
    if datasets == nil then return end
    local traced = 0
    for i = 1, #datasets do
      if check_dataset(datasets[i], datasets:pointer(i), i, ctx) then traced = traced + 1 end
    end
    if traced == #datasets then
      ctx:pass(("%d/%d datasets name their source and carry a digest or lineage")
        :format(traced, #datasets))
    end
  end,
  remediation = {
    { key = PROVENANCE, owner = "data-engineering",
      title = "Record the source of every dataset and a sha256 digest of its content or its "
        .. "lineage" },
  },
}
