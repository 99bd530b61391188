-- Annex A.7: data for AI systems. Data management (A.7.2), acquisition (A.7.3), quality (A.7.4),
-- provenance (A.7.5) and preparation (A.7.6). The per-system controls judge every dataset of a
-- model card's /datasets and report each bad dataset at its own pointer.
local util = require "util"

-- Dataset purposes that build the model, and those that evaluate it.
local DEVELOPMENT_PURPOSES = { training = true, fine_tuning = true }
local EVALUATION_PURPOSES = { validation = true, testing = true }

-- Reads the card's datasets for a per-dataset control and calls `fn(ds, at, name, i)` for each
-- dataset that is an object (`fn` returns true when the dataset is fine). Returns the number of
-- datasets and of fine ones, or nil after reporting insufficient evidence.
local function each_dataset(doc, ctx, task, fn)
  local datasets = util.require_list(doc, ctx, "/datasets", "datasets", task)
  if datasets == nil then return nil end
  local good = 0
  for i = 1, #datasets do
    local ds, at = datasets[i], datasets:pointer(i)
    local name = util.label("dataset", ds, i)
    if util.shape(ds) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(ds), task)
    elseif fn(ds, at, name, i) then
      good = good + 1
    end
  end
  return #datasets, good
end

-- A.7.2 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local DM_DOCUMENT = "document-data-management"
local DM_REVIEW = "review-data-management"
local DS_RECORD = "record-dataset-management"
local DS_SEPARATE = "separate-evaluation-data"

-- The topics the data management procedure must cover: the other A.7 controls.
local DM_TOPICS = { "acquisition", "quality", "provenance", "preparation" }

-- Organisation: the documented data management procedure.
local function check_data_management(doc, ctx)
  local dm = util.require_object(doc, ctx, "/data_management", "data management procedure",
    { DM_DOCUMENT, DM_REVIEW })
  if dm == nil then return end
  local at = "/data_management"
  local name = "the data management procedure"
  local ok = util.require_fields(dm, at, name, {
    { "document", "the controlled document that holds it" },
    { "owner", "an owner" },
    { "approved_by", "who approved it" },
    { "quality_standard", "the data quality standard it applies" },
  }, ctx, DM_DOCUMENT) == 0

  local covers = dm.covers
  if util.shape(covers) ~= "array" then
    ctx:fail(at .. "/covers", name .. " does not say which data topics it covers (covers); "
      .. "expected at least " .. table.concat(DM_TOPICS, ", "), DM_DOCUMENT)
    ok = false
  else
    local have = util.set_of(covers)
    local missing = {}
    for _, topic in ipairs(DM_TOPICS) do
      if not have[topic] then missing[#missing + 1] = topic end
    end
    if #missing > 0 then
      ctx:fail(at .. "/covers", ("%s does not cover %s; it must cover %s")
        :format(name, table.concat(missing, ", "), table.concat(DM_TOPICS, ", ")), DM_DOCUMENT)
      ok = false
    end
  end
  if util.same_party(dm.owner, dm.approved_by) then
    ctx:fail(at .. "/approved_by", ("%s was approved by its own owner (%s); it needs approval "
      .. "by someone with authority over it"):format(name, util.quote(dm.owner)), DM_DOCUMENT)
    ok = false
  end
  if dm.approved ~= nil and util.age_in_days(ctx, dm.approved, at .. "/approved", "approved",
      DM_DOCUMENT) == nil then
    ok = false
  end
  local due = util.check_review(ctx, dm, name, { style = "brief",
    max_cycle = ctx.params.max_review_cycle_months, cycle_tasks = DM_DOCUMENT, tasks = DM_REVIEW })
  if ok and due then
    ctx:pass(("data management procedure %s owned by %s covers %s; next review due %s")
      :format(util.show(dm.document), util.show(dm.owner), table.concat(DM_TOPICS, ", "), due))
  end
end

-- True when the dataset's governance names an owner (or, without governance of its own, the
-- system has an accountable owner who answers for it).
local function has_data_owner(ds, doc)
  local gov = ds.governance
  if gov == nil then return present(doc:get("/owner/accountable")) end
  if util.shape(gov) ~= "object" then return false end
  for _, role in ipairs({ "owners", "stewards" }) do
    local list = gov[role]
    if util.shape(list) == "array" then
      for i = 1, #list do
        local p = list[i]
        if util.shape(p) == "object" and (present(p:get("/organization/name"))
            or present(p:get("/contact/name"))) then
          return true
        end
      end
    end
  end
  return false
end

-- Model card: each dataset states its purpose, classification, personal data, retention and
-- an accountable owner; the system is not evaluated on its own development data.
local function check_card_datasets(doc, ctx)
  local seen = {}
  local purposes = {}
  local n, good = each_dataset(doc, ctx, DS_RECORD, function(ds, at, name, i)
    local ok = true
    local id = ds.id
    if type(id) ~= "string" or not present(id) then
      ctx:fail(at .. "/id", name .. " has no id to refer to it by", DS_RECORD)
      ok = false
    elseif seen[id] then
      ctx:fail(at .. "/id", ("%s duplicates the id of dataset #%d"):format(name, seen[id]),
        DS_RECORD)
      ok = false
    else
      seen[id] = i
      purposes[id] = ds.purpose
    end
    if util.require_fields(ds, at, name, {
      { "purpose", "what the system uses it for" },
      { "classification", "its data classification" },
      { "retention", "how long it is kept" },
    }, ctx, DS_RECORD) > 0 then
      ok = false
    end
    if type(ds.personal_data) ~= "boolean" then
      ctx:fail(at .. "/personal_data", ("%s does not state whether it contains personal data "
        .. "(personal_data is %s)"):format(name, util.show(ds.personal_data)), DS_RECORD)
      ok = false
    end
    if not has_data_owner(ds, doc) then
      ctx:fail(at .. "/governance", ds.governance == nil
        and (name .. " records no governance (data owner or steward), and the card names no "
          .. "accountable owner to answer for it")
        or (name .. ": its governance names no data owner or steward"), DS_RECORD)
      ok = false
    end
    return ok
  end)
  if n == nil then return end

  -- Evaluation on data held out from development.
  local separate = true
  local eval_at = "/quantitative_analysis/evaluation_dataset"
  local eval_id = doc:get(eval_at)
  if eval_id ~= nil then
    if type(eval_id) ~= "string" or seen[eval_id] == nil then
      ctx:fail(eval_at, ("the evaluation dataset %s is not one of the card's datasets")
        :format(util.show(eval_id)), DS_SEPARATE)
      separate = false
    elseif DEVELOPMENT_PURPOSES[purposes[eval_id]] then
      ctx:fail(eval_at, ("the system is evaluated on %s, whose purpose is %s: evaluate on data "
        .. "held out from development (validation or testing)")
        :format(util.quote(eval_id), util.quote(purposes[eval_id])), DS_SEPARATE)
      separate = false
    end
  end
  if good == n and separate then
    ctx:pass(("%d/%d datasets state purpose, classification, personal data, retention and an "
      .. "owner%s"):format(good, n, eval_id and ("; evaluated on held-out " .. eval_id) or ""))
  end
end

control "A.7.2" {
  title = "Managing the data used to develop and improve AI systems",
  description = "The organisation runs a documented data management procedure, approved by "
    .. "someone other than its owner and reviewed on its cycle, covering acquisition, quality, "
    .. "provenance and preparation; each AI system records, per dataset, what it is used for, "
    .. "its classification, whether it holds personal data, its retention and who owns it, and "
    .. "is evaluated on held-out data.",
  citations = { "A.7.2", "8.1" },
  applies_to = { "organization", "model_card" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MEASURE 2.7" }, eu_ai_act = { "Art. 10" } },
  params = {
    -- The longest review cycle accepted for the data management procedure, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_data_management(doc, ctx)
    end
    return check_card_datasets(doc, ctx)
  end,
  remediation = {
    { key = DM_DOCUMENT, owner = "data-governance",
      title = "Document and approve a data management procedure for AI development that names "
        .. "its owner and quality standard and covers acquisition, quality, provenance and "
        .. "preparation" },
    { key = DM_REVIEW, owner = "data-governance",
      title = "Review the data management procedure on its stated cycle and record the date" },
    { key = DS_RECORD, owner = "data-engineering",
      title = "Record for every dataset of the AI system its id, purpose, classification, "
        .. "whether it holds personal data, its retention and its owner" },
    { key = DS_SEPARATE, owner = "ml-engineering",
      title = "Evaluate the AI system on a validation or test dataset held out from training" },
  },
}

-- A.7.3 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local ACQ_RECORD = "record-acquisition"
local ACQ_BASIS = "establish-legal-basis"
local ACQ_AGREEMENT = "record-data-agreement"
local ACQ_ORDER = "acquire-before-use"

control "A.7.3" {
  title = "Lawful and documented acquisition of data",
  description = "Each dataset records how and when it was obtained and under which licence or "
    .. "terms; data from a supplier has a supply agreement; personal data has a legal basis, "
    .. "and consent, where it is the basis, was obtained and can be traced; data was in hand "
    .. "before the model was trained or evaluated with it.",
  citations = { "A.7.3", "8.1" },
  applies_to = { "model_card", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { eu_ai_act = { "Art. 10" } },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "DAT-03", "PRV-01" })
    end
    local trained = doc:get("/development/training/completed")
    local evaluated = doc:get("/quantitative_analysis/evaluated_on")
    local n, good = each_dataset(doc, ctx, ACQ_RECORD, function(ds, at, name)
      local acq = ds.acquisition
      local acq_at = at .. "/acquisition"
      if util.shape(acq) ~= "object" then
        ctx:fail(acq_at, name .. " records no acquisition (method, date, licence, legal basis)",
          ACQ_RECORD)
        return false
      end
      local ok = util.require_fields(acq, acq_at, name, {
        { "method", "how it was obtained" },
        { "license", "the licence or terms it may be used under" },
      }, ctx, ACQ_RECORD) == 0

      -- When, and in order: obtained before it was used to train or evaluate the model.
      local when = acq.date
      if util.past_date(ctx, when, acq_at .. "/date", "the acquisition of " .. name, ACQ_RECORD,
          true) then
        local used, used_what
        if DEVELOPMENT_PURPOSES[ds.purpose] and util.day(trained) then
          used, used_what = trained, "training completed"
        elseif EVALUATION_PURPOSES[ds.purpose] and util.day(evaluated) then
          used, used_what = evaluated, "the model was evaluated"
        end
        if used and dates.day(when) > dates.day(used) then
          ctx:fail(acq_at .. "/date", ("%s was acquired %s, after %s (%s), so the recorded data "
            .. "is not what the model was built with"):format(name, when, used_what, used),
            ACQ_ORDER)
          ok = false
        end
      else
        ok = false
      end

      -- Third-party data needs a supply agreement.
      if present(ds.supplier) and not present(acq.agreement) then
        ctx:fail(acq_at .. "/agreement", ("%s comes from supplier %s but records no data supply "
          .. "agreement"):format(name, util.show(ds.supplier)), ACQ_AGREEMENT)
        ok = false
      end

      -- Personal data needs a legal basis; consent, where it is the basis, must be in place.
      local basis = acq.legal_basis
      local personal = ds.personal_data
      if personal ~= false and not present(basis) then
        ctx:fail(acq_at .. "/legal_basis", personal == true
          and (name .. " contains personal data but records no legal basis for using it")
          or (name .. " does not state whether it contains personal data and records no legal "
            .. "basis"), ACQ_BASIS)
        ok = false
      end
      local consent = acq.consent
      -- "explicit consent at application" relies on consent; "no consent needed" does not.
      local on_consent = type(basis) == "string" and re.test(basis, "(?i)\\bconsent")
        and not re.test(basis, "(?i)\\b(no|not|without)\\s+(\\w+\\s+)?consent")
      if on_consent then
        if util.shape(consent) ~= "object" then
          ctx:fail(acq_at .. "/consent", ("%s relies on consent (%s) but records no consent "
            .. "(obtained, mechanism, reference)"):format(name, util.quote(basis)), ACQ_BASIS)
          ok = false
        else
          if consent.obtained ~= true then
            ctx:fail(acq_at .. "/consent/obtained", ("%s relies on consent but consent.obtained "
              .. "is %s"):format(name, util.show(consent.obtained)), ACQ_BASIS)
            ok = false
          end
          if util.require_fields(consent, acq_at .. "/consent", name, {
            { "mechanism", "how consent was obtained" },
            { "reference", "where the consent records are" },
          }, ctx, ACQ_BASIS) > 0 then
            ok = false
          end
        end
      end
      return ok
    end)
    if n and good == n then
      ctx:pass(("%d/%d datasets record method, date, licence and a legal basis for personal data")
        :format(good, n))
    end
  end,
  remediation = {
    util.vendor_task("its rights to the training data and no training on customer data without consent"),
    { key = ACQ_RECORD, owner = "data-engineering",
      title = "Record for every dataset how and when it was obtained and the licence or terms "
        .. "it may be used under" },
    { key = ACQ_BASIS, owner = "data-protection",
      title = "Establish and record the legal basis for the personal data in each dataset and, "
        .. "where it is consent, how it was obtained and where the records are" },
    { key = ACQ_AGREEMENT, owner = "procurement",
      title = "Put a data supply agreement in place for every dataset obtained from a supplier "
        .. "and record it" },
    { key = ACQ_ORDER, owner = "data-engineering",
      title = "Correct the acquisition records so that every dataset was obtained before the "
        .. "model was trained or evaluated with it" },
  },
}

-- A.7.4 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local DQ_CRITERIA = "set-quality-criteria"
local DQ_MEET = "meet-quality-criteria"
local DQ_ASSESS = "assess-representativeness-bias"
local DQ_ORDER = "check-before-use"

-- Checks the quality measures of one dataset; returns true when all are complete and met.
local function check_measures(measures, at, name, ctx)
  local s = util.shape(measures)
  if s == "nil" or s == "empty" then
    ctx:fail(at, name .. " records no quality measures with thresholds", DQ_CRITERIA)
    return false
  elseif s ~= "array" then
    ctx:fail(at, name .. ": quality measures must be a list, found " .. util.show(measures),
      DQ_CRITERIA)
    return false
  end
  local ok = true
  for j = 1, #measures do
    local m, m_at = measures[j], measures:pointer(j)
    if util.shape(m) ~= "object" then
      ctx:fail(m_at, ("%s: quality measure #%d must be an object, found %s")
        :format(name, j, util.show(m)), DQ_CRITERIA)
      ok = false
    else
      local what = (type(m.name) == "string" and present(m.name)) and m.name
        or ("quality measure #" .. j)
      local value, threshold, direction = m.value, m.threshold, m.direction
      local complete = true
      if not present(m.name) then
        ctx:fail(m_at .. "/name", ("%s: quality measure #%d does not say what it measures")
          :format(name, j), DQ_CRITERIA)
        complete = false
      end
      if type(value) ~= "number" then
        ctx:fail(m_at .. "/value", ("%s: %s has no numeric value (found %s)")
          :format(name, what, util.show(value)), DQ_CRITERIA)
        complete = false
      end
      if type(threshold) ~= "number" then
        ctx:fail(m_at .. "/threshold", ("%s: %s has no acceptance threshold (found %s)")
          :format(name, what, util.show(threshold)), DQ_CRITERIA)
        complete = false
      end
      if direction ~= nil and direction ~= "min" and direction ~= "max" then
        ctx:fail(m_at .. "/direction", ('%s: %s: direction must be "min" or "max", found %s')
          :format(name, what, util.show(direction)), DQ_CRITERIA)
        complete = false
      end
      if complete then
        local met, side = util.meets(value, threshold, direction)
        if not met then
          local v, t = util.nums(value, threshold)
          ctx:fail(m_at, ("%s: %s = %s is %s its threshold %s (direction %s)")
            :format(name, what, v, side, t, direction or "min"), DQ_MEET)
          complete = false
        end
      end
      ok = ok and complete
    end
  end
  return ok
end

control "A.7.4" {
  title = "Quality of the data used by AI systems",
  description = "Each dataset has quality measures with acceptance thresholds, and every "
    .. "measured value meets its threshold; the checks are dated after the data was obtained "
    .. "and before it was used for training; representativeness and bias were examined.",
  citations = { "A.7.4", "8.1", "9.1" },
  applies_to = { "model_card", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MEASURE 2.3" }, eu_ai_act = { "Art. 10" } },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "DAT-02" })
    end
    local trained = doc:get("/development/training/completed")
    local measured = 0
    local n, good = each_dataset(doc, ctx, DQ_CRITERIA, function(ds, at, name)
      local q = ds.quality
      local q_at = at .. "/quality"
      if util.shape(q) ~= "object" then
        ctx:fail(q_at, name .. " records no data quality assessment", DQ_CRITERIA)
        return false
      end
      local ok = check_measures(q.measures, q_at .. "/measures", name, ctx)
      if util.shape(q.measures) == "array" then measured = measured + #q.measures end

      if util.require_fields(q, q_at, name, {
        { "representativeness", "how well it represents the population the system is used on" },
        { "bias_examination", "how it was examined for bias" },
      }, ctx, DQ_ASSESS) > 0 then
        ok = false
      end
      local records = q.records
      if records ~= nil and (not util.is_integer(records) or records < 1) then
        ctx:fail(q_at .. "/records", ("%s: records must be a positive count, found %s")
          :format(name, util.show(records)), DQ_CRITERIA)
        ok = false
      end

      -- Dated, after acquisition, and before training for development data.
      local checked = q.checked
      if util.past_date(ctx, checked, q_at .. "/checked", "the quality check of " .. name,
          DQ_ORDER, true) then
        local acquired = util.day(ds:get("/acquisition/date"))
        if acquired and dates.day(checked) < acquired then
          ctx:fail(q_at .. "/checked", ("%s: quality checked %s, before the data was acquired "
            .. "(%s)"):format(name, checked, ds:get("/acquisition/date")), DQ_ORDER)
          ok = false
        end
        if DEVELOPMENT_PURPOSES[ds.purpose] and util.day(trained)
            and dates.day(checked) > dates.day(trained) then
          ctx:fail(q_at .. "/checked", ("%s: quality checked %s, after training completed (%s): "
            .. "data must be checked before it is used"):format(name, checked, trained),
            DQ_ORDER)
          ok = false
        end
      else
        ok = false
      end
      return ok
    end)
    if n and good == n then
      ctx:pass(("%d/%d datasets meet all %s; representativeness and bias examined")
        :format(good, n, util.plural(measured, "quality threshold")))
    end
  end,
  remediation = {
    util.vendor_task("measured training data quality"),
    { key = DQ_CRITERIA, owner = "data-engineering",
      title = "Define quality measures with acceptance thresholds for every dataset and record "
        .. "their measured values" },
    { key = DQ_MEET, owner = "data-engineering",
      title = "Remediate the data until every quality measure meets its threshold, or re-approve "
        .. "the threshold with a recorded rationale" },
    { key = DQ_ASSESS, owner = "data-governance",
      title = "Examine each dataset for representativeness of the target population and for "
        .. "bias, and record the outcome" },
    { key = DQ_ORDER, owner = "data-engineering",
      title = "Run and date the quality checks after the data is obtained and before it is "
        .. "used for training" },
  },
}

-- A.7.5 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local PROVENANCE = "record-provenance"

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
  if digest ~= nil and not util.is_sha256(digest) then
    ctx:fail(at .. "/digest", ("%s: digest %s is not a sha256 digest (sha256:<64 hex digits>)")
      :format(name, util.show(digest)), PROVENANCE)
    ok = false
  end
  if not util.is_sha256(digest) and not present(ds.lineage) then
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
  applies_to = { "model_card", "vendor_questionnaire" },
  severity = "medium",
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "DAT-01" })
    end
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
    util.vendor_task("documented training data provenance"),
    { key = PROVENANCE, owner = "data-engineering",
      title = "Record the source of every dataset and a sha256 digest of its content or its "
        .. "lineage" },
  },
}

-- A.7.6 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local PREP_RECORD = "record-preparation"

control "A.7.6" {
  title = "Recorded preparation of data",
  description = "Each dataset lists, in order, the preparation steps applied to it (cleaning, "
    .. "labelling, transformation, reweighting); a step that refers to another dataset's "
    .. "preparation points at a dataset of the card that records its own steps.",
  citations = { "A.7.6", "8.1" },
  applies_to = { "model_card" },
  severity = "medium",
  crosswalk = { eu_ai_act = { "Art. 10" } },
  check = function(doc, ctx)
    local datasets = doc:get("/datasets")
    -- The datasets that record no steps of their own, for steps that refer to them.
    -- Kept in document order (never iterate a string-keyed table with pairs: its order is
    -- not stable, and reports must be).
    local unprepared = {}
    if util.shape(datasets) == "array" then
      for i = 1, #datasets do
        local ds = datasets[i]
        if util.shape(ds) == "object" and type(ds.id) == "string" and present(ds.id)
            and util.shape(ds.preparation) ~= "array" then
          unprepared[#unprepared + 1] = ds.id
        end
      end
    end
    local steps = 0
    local n, good = each_dataset(doc, ctx, PREP_RECORD, function(ds, at, name)
      local prep = ds.preparation
      local p_at = at .. "/preparation"
      local usable, ok = util.check_strings(ctx, prep, p_at, name, "preparation steps",
        PREP_RECORD, true)
      if usable == 0 then return false end
      steps = steps + usable
      for j = 1, #prep do
        local step = prep[j]
        if type(step) == "string" then
          for _, other in ipairs(unprepared) do
            if other ~= ds.id and step:find(other, 1, true) then
              ctx:fail(prep:pointer(j), ("%s: step %s refers to dataset %s, which records no "
                .. "preparation steps of its own"):format(name, util.quote(step),
                util.quote(other)), PREP_RECORD)
              ok = false
            end
          end
        end
      end
      return ok
    end)
    if n and good == n then
      ctx:pass(("%d/%d datasets record their preparation (%s)")
        :format(good, n, util.plural(steps, "step")))
    end
  end,
  remediation = {
    { key = PREP_RECORD, owner = "data-engineering",
      title = "Record, in order, the preparation steps applied to every dataset of the AI "
        .. "system" },
  },
}
