-- Annex A.4: resources for AI systems (A.4.2-A.4.6). Each model card documents what its AI
-- system depends on: data, tooling, computing and people (model card /resources).
local util = require "util"
-- How util.need_text names a value of another type in this module's messages: ", found 3".
local FOUND = ", found %s"

-- The four kinds of resource a model card documents, in the order messages name them.
local RESOURCE_KINDS = {
  { key = "data", name = "data" },
  { key = "tooling", name = "tooling" },
  { key = "compute", name = "system and computing" },
  { key = "people", name = "human" },
}

-- ---------------------------------------------------------------------------------------------
-- A.4.2

local DOCUMENT = "document-resources"
local REVIEW = "review-resources"

control "A.4.2" {
  title = "The AI system's resources are on record and kept current",
  description = "An auditor expects one record per AI system of everything it depends on (data, "
    .. "tooling, computing and people) that has been reviewed within the review period and not "
    .. "before the current version was built.",
  citations = { "A.4.2", "7.1", "7.5.1" },
  applies_to = { "model_card" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.6", "MEASURE 2.1" } },
  params = {
    -- The resource record must have been reviewed within this many days of --as-of.
    resources_review_max_age_days = 365,
  },
  check = function(doc, ctx)
    local res = util.require_object(doc, ctx, "/resources", "resource record of the AI system",
      { DOCUMENT, REVIEW })
    if res == nil then return end
    local max_age = ctx.params.resources_review_max_age_days

    local kinds, entries = 0, 0
    for _, kind in ipairs(RESOURCE_KINDS) do
      local list = res[kind.key]
      if util.shape(list) == "array" then
        kinds = kinds + 1
        entries = entries + #list
      else
        ctx:fail(res:pointer(kind.key), ("the resource record lists no %s resources "
          .. "(resources/%s is %s)"):format(kind.name, kind.key,
          list == nil and "missing" or "empty"), DOCUMENT)
      end
    end

    local fresh = util.check_current(ctx, doc, res, "the resource record", "the resource record",
      "resources last_reviewed", max_age, REVIEW)

    if kinds == #RESOURCE_KINDS and fresh then
      ctx:pass(("%d resources of all 4 kinds on record; reviewed %s")
        :format(entries, res.last_reviewed))
    end
  end,
  remediation = {
    { key = DOCUMENT, owner = "ml-engineering",
      title = "Record the data, tooling, computing and human resources of the AI system in its "
        .. "model card" },
    { key = REVIEW, owner = "ml-engineering",
      title = "Review the AI system's resource record for the current version and date the "
        .. "review" },
  },
}

-- ---------------------------------------------------------------------------------------------
-- A.4.3

local LIST_DATA = "list-data-resources"
local DESCRIBE_DATA = "describe-data-resources"

-- What a data resource must record to be managed as one, each with how messages name it.
local DATA_FACTS = {
  { key = "purpose", what = "what the system uses it for" },
  { key = "source", what = "where it comes from" },
  { key = "classification", what = "its data classification" },
  { key = "retention", what = "how long it is kept" },
}

-- Checks the description of one dataset as a data resource; returns true when complete.
local function check_data_resource(ds, at, name, ctx)
  local ok = true
  for _, fact in ipairs(DATA_FACTS) do
    if not present(ds[fact.key]) then
      ctx:fail(at .. "/" .. fact.key, ("%s does not record %s (%s)"):format(name, fact.what,
        fact.key), DESCRIBE_DATA)
      ok = false
    end
  end
  if type(ds.personal_data) ~= "boolean" then
    ctx:fail(at .. "/personal_data", name .. " does not state whether it contains personal data "
      .. "(personal_data)", DESCRIBE_DATA)
    ok = false
  end
  local period = ds.time_period
  if not present(ds.version) and not present(period) then
    ctx:fail(at .. "/version", name .. " records neither a version nor the period it covers "
      .. "(version, time_period)", DESCRIBE_DATA)
    ok = false
  elseif util.shape(period) == "object" then
    local first, last = util.day(period.start), util.day(period["end"])
    if first and last and first > last then
      ctx:fail(at .. "/time_period", ("%s: its period starts %s, after it ends %s")
        :format(name, period.start, period["end"]), DESCRIBE_DATA)
      ok = false
    end
  end
  return ok
end

control "A.4.3" {
  title = "Every dataset the AI system uses is a documented resource",
  description = "Every dataset the system is built, evaluated or operated with appears among its "
    .. "data resources, every listed id names a dataset of the card, and each dataset says what "
    .. "it is used for, where it comes from, its version or period, its classification, whether "
    .. "it holds personal data and how long it is kept.",
  citations = { "A.4.3", "7.1" },
  applies_to = { "model_card" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.6" } },
  check = function(doc, ctx)
    local data = util.require_list(doc, ctx, "/resources/data", "data resources", LIST_DATA)
    local datasets = util.require_list(doc, ctx, "/datasets", "datasets", DESCRIBE_DATA)
    if data == nil or datasets == nil then return end

    local by_id = {}
    for i = 1, #datasets do
      local ds = datasets[i]
      if util.shape(ds) == "object" and type(ds.id) == "string" and present(ds.id) then
        by_id[ds.id] = by_id[ds.id] or i
      end
    end

    -- Each entry is a dataset id, or a description of data used in operation (with blanks).
    local listed, entries_ok = {}, true
    for i = 1, #data do
      local entry = data[i]
      if type(entry) ~= "string" or not present(entry) then
        ctx:fail(data:pointer(i), ("data resource #%d says nothing (found %s)")
          :format(i, util.show(entry)), LIST_DATA)
        entries_ok = false
      elseif by_id[entry] then
        listed[entry] = true
      elseif not entry:find("%s") then
        ctx:fail(data:pointer(i), ("data resource %s is not the id of any dataset of the model "
          .. "card (/datasets/*/id)"):format(util.quote(entry)), LIST_DATA)
        entries_ok = false
      end
    end

    local described = 0
    for i = 1, #datasets do
      local ds, at = datasets[i], datasets:pointer(i)
      local name = util.label("dataset", ds, i)
      if util.shape(ds) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(ds), DESCRIBE_DATA)
      else
        local ok = check_data_resource(ds, at, name, ctx)
        if type(ds.id) ~= "string" or not present(ds.id) then
          ctx:fail(at .. "/id", name .. " has no id, so it cannot be listed as a data resource",
            LIST_DATA)
          ok = false
        elseif not listed[ds.id] then
          ctx:fail(at, name .. " is used by the system but is not listed among its data "
            .. "resources (resources/data)", LIST_DATA)
          ok = false
        end
        if ok then described = described + 1 end
      end
    end

    if entries_ok and described == #datasets then
      ctx:pass(("%d/%d datasets listed as data resources and described; %s on record")
        :format(described, #datasets, util.plural(#data, "data resource")))
    end
  end,
  remediation = {
    { key = LIST_DATA, owner = "data-engineering",
      title = "List every dataset of the AI system, by its id, among its data resources" },
    { key = DESCRIBE_DATA, owner = "data-engineering",
      title = "Record for every dataset its purpose, source, version or period, classification, "
        .. "personal data and retention" },
  },
}

-- ---------------------------------------------------------------------------------------------
-- A.4.4

local LIST_TOOLS = "list-tooling"
local PIN_TOOLS = "pin-tool-versions"

control "A.4.4" {
  title = "Tools that build and run the AI system are listed and pinned",
  description = "The tools used to build, evaluate and run the system are listed, each with what "
    .. "it is used for and a pinned version, so the system can be rebuilt and its tools managed.",
  citations = { "A.4.4", "7.1" },
  applies_to = { "model_card" },
  severity = "low",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.6" } },
  check = function(doc, ctx)
    local tools = util.require_list(doc, ctx, "/resources/tooling", "tooling resources",
      LIST_TOOLS)
    if tools == nil then return end
    local complete = 0
    for i = 1, #tools do
      local tool, at = tools[i], tools:pointer(i)
      local name = util.label("tool", tool, i)
      if util.shape(tool) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(tool), LIST_TOOLS)
      else
        local ok = util.need_text(ctx, tool, "name", name .. " is not named (name)", LIST_TOOLS,
          FOUND) ~= nil
        if util.need_text(ctx, tool, "purpose", name .. " does not say what it is used for "
            .. "(purpose)", LIST_TOOLS, FOUND) == nil then
          ok = false
        end
        local version = tool.version
        if type(version) ~= "string" or not present(version) then
          ctx:fail(tool:pointer("version"), name .. " has no version (version)", PIN_TOOLS)
          ok = false
        elseif re.full(version, "(?i)\\s*(latest|current|stable|any|\\*|x|n/?a)\\s*") then
          ctx:fail(tool:pointer("version"), ("%s: version %s is not a pinned version")
            :format(name, util.quote(version)), PIN_TOOLS)
          ok = false
        end
        if ok then complete = complete + 1 end
      end
    end
    if complete == #tools then
      ctx:pass(("%d/%d tools named with purpose and pinned version"):format(complete, #tools))
    end
  end,
  remediation = {
    { key = LIST_TOOLS, owner = "ml-platform",
      title = "List every tool used to build, evaluate and run the AI system, with its purpose" },
    { key = PIN_TOOLS, owner = "ml-platform",
      title = "Record the exact version of every tool of the AI system" },
  },
}

-- ---------------------------------------------------------------------------------------------
-- A.4.5

local LIST_COMPUTE = "list-compute"
local COVER_COMPUTE = "cover-compute-needs"

-- What a computing resource must record, each with how messages name it.
local COMPUTE_FACTS = {
  { key = "name", what = "a name" },
  { key = "type", what = "where it runs (type)" },
  { key = "provider", what = "who provides it (provider)" },
  { key = "purpose", what = "what it is used for (purpose)" },
  { key = "specification", what = "its capacity (specification)" },
}

control "A.4.5" {
  title = "The computing the AI system trains and runs on is documented",
  description = "The computing the system runs on is listed with its provider, purpose, capacity "
    .. "and, off premises, its region; a system in operation has computing for inference, and a "
    .. "system trained in house has computing for training.",
  citations = { "A.4.5", "7.1" },
  applies_to = { "model_card" },
  severity = "low",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.6" } },
  check = function(doc, ctx)
    local compute = util.require_list(doc, ctx, "/resources/compute",
      "system and computing resources", LIST_COMPUTE)
    if compute == nil then return end
    local complete, training, inference = 0, false, false
    for i = 1, #compute do
      local c, at = compute[i], compute:pointer(i)
      local name = util.label("computing resource", c, i)
      if util.shape(c) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(c), LIST_COMPUTE)
      else
        local ok = true
        for _, fact in ipairs(COMPUTE_FACTS) do
          if not present(c[fact.key]) then
            ctx:fail(c:pointer(fact.key), ("%s does not record %s"):format(name, fact.what),
              LIST_COMPUTE)
            ok = false
          end
        end
        if (c.type == "cloud" or c.type == "hybrid") and not present(c.region) then
          ctx:fail(c:pointer("region"), ("%s runs in the %s but records no region")
            :format(name, c.type), LIST_COMPUTE)
          ok = false
        end
        if c.purpose == "training" or c.purpose == "both" then training = true end
        if c.purpose == "inference" or c.purpose == "both" then inference = true end
        if ok then complete = complete + 1 end
      end
    end

    local stage = doc.lifecycle_stage
    -- In operation, the system serves outputs, so it needs inference computing.
    local needs_inference = util.OPERATING[stage] == true
    if needs_inference and not inference then
      ctx:fail(compute:pointer(), ("the system is in %s but no computing resource is for "
        .. "inference (purpose inference or both)"):format(stage), COVER_COMPUTE)
    end
    local needs_training = present(doc:get("/development/training"))
    if needs_training and not training then
      ctx:fail(compute:pointer(), "the model card records its training (development/training) "
        .. "but no computing resource is for training (purpose training or both)", COVER_COMPUTE)
    end

    if complete == #compute and (inference or not needs_inference)
        and (training or not needs_training) then
      ctx:pass(("%d/%d computing resources described%s%s"):format(complete, #compute,
        training and "; training covered" or "", inference and "; inference covered" or ""))
    end
  end,
  remediation = {
    { key = LIST_COMPUTE, owner = "ml-platform",
      title = "Describe every computing resource of the AI system: type, provider, purpose, "
        .. "capacity and region" },
    { key = COVER_COMPUTE, owner = "ml-platform",
      title = "Record the computing resources the AI system trains and runs on" },
  },
}

-- ---------------------------------------------------------------------------------------------
-- A.4.6

local LIST_PEOPLE = "list-human-resources"
local STAFF_OVERSIGHT = "staff-oversight"

control "A.4.6" {
  title = "The people and skills the AI system needs are documented",
  description = "The roles the system needs are listed with their capacity (FTE) and the "
    .. "competence each requires, and a system under human oversight has people assigned to it.",
  citations = { "A.4.6", "7.1", "7.2" },
  applies_to = { "model_card" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.6", "GOVERN 3.2" } },
  check = function(doc, ctx)
    local people = util.require_list(doc, ctx, "/resources/people", "human resources",
      LIST_PEOPLE)
    if people == nil then return end

    local oversight = doc.human_oversight
    local mode = util.shape(oversight) == "object" and oversight.mode or nil
    local responsible = mode and oversight.responsible_role or nil
    local complete, fte, overseers = 0, 0, 0
    for i = 1, #people do
      local p, at = people[i], people:pointer(i)
      local name = "role #" .. i
      if util.shape(p) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(p), LIST_PEOPLE)
      else
        local ok = true
        local role = util.need_text(ctx, p, "role", name .. " is not named (role)", LIST_PEOPLE,
          FOUND)
        if role then name = "role " .. util.quote(role) end
        local n = p.fte
        if type(n) ~= "number" then
          ctx:fail(p:pointer("fte"), name .. " has no capacity in full-time equivalents (fte)",
            LIST_PEOPLE)
          ok = false
        elseif n <= 0 then
          ctx:fail(p:pointer("fte"), ("%s has %s FTE; a role the system needs must be staffed")
            :format(name, util.nums(n)), LIST_PEOPLE)
          ok = false
        else
          fte = fte + n
        end
        if util.need_text(ctx, p, "competence", name .. " does not say what competence it needs "
            .. "(competence)", LIST_PEOPLE, FOUND) == nil then
          ok = false
        end
        if role and (re.test(role, "(?i)oversight|overseer")
            or util.same_name(role, responsible)) then
          overseers = overseers + 1
        end
        if role == nil then ok = false end
        if ok then complete = complete + 1 end
      end
    end

    local overseen = type(mode) == "string" and mode ~= "none"
    if overseen and overseers == 0 then
      ctx:fail(people:pointer(), ("the system is under human oversight (%s) but no role in "
        .. "resources/people is for it: name a role for oversight%s"):format(mode,
        type(responsible) == "string" and (" or the responsible role " .. util.quote(responsible))
          or ""), STAFF_OVERSIGHT)
    end

    if complete == #people and (overseers > 0 or not overseen) then
      ctx:pass(("%s, %s FTE, each with its competence%s"):format(util.plural(#people, "role"),
        util.nums(fte), overseers > 0 and "; oversight staffed" or ""))
    end
  end,
  remediation = {
    { key = LIST_PEOPLE, owner = "ml-engineering",
      title = "List the roles the AI system needs with their FTE and required competence" },
    { key = STAFF_OVERSIGHT, owner = "ai-system-owner",
      title = "Assign and record the people who perform human oversight of the AI system" },
  },
}
