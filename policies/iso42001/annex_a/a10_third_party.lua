-- Annex A.10: third-party and customer relationships (A.10.2-A.10.4): responsibilities
-- allocated across the AI system life cycle, suppliers (the organisation's register and each
-- vendor's questionnaire), and customers.
local util = require "util"

-- Supplier statuses of a relationship that has ended or never started.
local INACTIVE = { rejected = true, offboarded = true }
-- Supplier statuses under which an AI system may rely on the supplier.
local USABLE = { approved = true, conditional = true }
-- Kinds of supply that are AI (models, AI services, data) rather than general IT.
local AI_SUPPLY = { model = true, ai_service = true, data = true }

-- A.10.2 --------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local RA_RECORD = "record-responsibility-allocation"
local RA_CONTRACT = "allocate-in-contracts"
local RA_VENDOR = "agree-vendor-responsibilities"

-- Life-cycle areas a supplier relationship must allocate, whoever takes them.
local VENDOR_AREAS = {
  "model_updates", "training_data", "performance_monitoring", "incident_response",
  "data_protection", "human_oversight",
}

-- Organisation: each allocation is complete and refers to real systems and parties; every
-- active supplier contract allocates responsibilities; every customer has an allocation.
local function check_org_allocation(doc, ctx)
  local list = util.require_list(doc, ctx, "/responsibility_allocation",
    "allocation of responsibilities with suppliers, partners and customers", RA_RECORD)
  if list == nil then return end
  local systems = util.by_key(doc:get("/ai_system_inventory"), "id") or {}
  local register = doc:get("/supplier_register")
  local suppliers = util.by_key(register, "id") or {}
  local customer_list = doc:get("/customers")
  local customers = util.by_key(customer_list, "id") or {}
  local allocated = {}
  local ok = true
  for i = 1, #list do
    local ra, at = list[i], list:pointer(i)
    local name = util.label("allocation", ra, i)
    if util.shape(ra) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(ra), RA_RECORD)
      ok = false
    else
      if util.require_fields(ra, at, name, {
        { "id", "an id" },
        { "party", "the other party" },
        { "party_type", "what the other party is" },
        { "documented_in", "the agreement that records it" },
      }, ctx, RA_RECORD) > 0 then
        ok = false
      end
      local sys = ra.ai_system
      if type(sys) ~= "string" or systems[sys] == nil then
        ctx:fail(at .. "/ai_system", ("%s concerns AI system %s, which is not in the AI system "
          .. "inventory"):format(name, util.show(sys)), RA_RECORD)
        ok = false
      end
      local party, ptype = ra.party, ra.party_type
      if type(party) == "string" then
        allocated[party] = true
        if ptype == "supplier" and suppliers[party] == nil then
          ctx:fail(at .. "/party", ("%s names supplier %s, which is not in the supplier "
            .. "register"):format(name, util.quote(party)), RA_RECORD)
          ok = false
        elseif ptype == "customer" and customers[party] == nil then
          ctx:fail(at .. "/party", ("%s names customer %s, which is not among the customers")
            :format(name, util.quote(party)), RA_RECORD)
          ok = false
        end
      end
      for _, f in ipairs({
        { "stages", "life-cycle stages covered" },
        { "party_responsibilities", "responsibilities of the other party" },
        { "organization_responsibilities", "responsibilities the organisation keeps" },
      }) do
        local _, all = util.check_strings(ctx, ra[f[1]], at .. "/" .. f[1], name, f[2],
          RA_RECORD, true)
        if not all then ok = false end
      end
      if not util.past_date(ctx, ra.agreed, at .. "/agreed", "the agreement of " .. name,
          RA_RECORD, true) then
        ok = false
      end
    end
  end

  -- Every active supplier's contract allocates responsibilities.
  local active = 0
  if util.shape(register) == "array" then
    for i = 1, #register do
      local s = register[i]
      if util.shape(s) == "object" and not INACTIVE[s.status] then
        active = active + 1
        local flag = s:get("/contract/responsibilities_allocated")
        if flag ~= true then
          ctx:fail(register:pointer(i) .. "/contract/responsibilities_allocated",
            ("the contract with %s does not allocate life-cycle responsibilities "
              .. "(responsibilities_allocated is %s)"):format(util.label("supplier", s, i),
              util.show(flag)), RA_CONTRACT)
          ok = false
        end
      end
    end
  end
  -- Every customer has an allocation.
  if util.shape(customer_list) == "array" then
    for i = 1, #customer_list do
      local c = customer_list[i]
      if util.shape(c) == "object" and type(c.id) == "string" and not allocated[c.id] then
        ctx:fail(customer_list:pointer(i), ("no allocation of responsibilities is recorded with "
          .. "%s"):format(util.label("customer", c, i)), RA_RECORD)
        ok = false
      end
    end
  end
  if ok then
    ctx:pass(("%s recorded; %s allocate responsibilities in their contracts")
      :format(util.plural(#list, "allocation"), util.plural(active, "active supplier")))
  end
end

-- Vendor: the allocation it proposes covers the key areas, once each, and TPM-02 agrees.
local function check_vendor_allocation(doc, ctx)
  local list = util.require_list(doc, ctx, "/responsibility_allocation",
    "vendor's allocation of life-cycle responsibilities", RA_VENDOR)
  if list == nil then return end
  local areas = {}
  local ok = true
  for i = 1, #list do
    local ra, at = list[i], list:pointer(i)
    local name = "responsibility #" .. i
    if util.shape(ra) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(ra), RA_VENDOR)
      ok = false
    else
      local area = ra.area
      if type(area) == "string" then name = ("responsibility for %s"):format(area) end
      if util.require_fields(ra, at, name, {
        { "area", "the area" },
        { "responsible", "who is responsible (vendor, customer or shared)" },
        { "details", "what each party does" },
      }, ctx, RA_VENDOR) > 0 then
        ok = false
      end
      if type(area) == "string" and area ~= "other" then
        local before = areas[area]
        if before and before.responsible ~= ra.responsible then
          ctx:fail(at .. "/responsible", ("%s is allocated to %s here but to %s in entry #%d")
            :format(name, util.show(ra.responsible), util.show(before.responsible), before.i),
            RA_VENDOR)
          ok = false
        elseif not before then
          areas[area] = { responsible = ra.responsible, i = i }
        end
      end
    end
  end
  local missing = {}
  for _, area in ipairs(VENDOR_AREAS) do
    if not areas[area] then missing[#missing + 1] = area end
  end
  if #missing > 0 then
    ctx:fail("/responsibility_allocation", ("no party is made responsible for %s")
      :format(table.concat(missing, ", ")), RA_VENDOR)
    ok = false
  end
  local answer = doc:get("/answers/TPM-02")
  if util.shape(answer) == "object" then
    if answer.answer == "no" then
      ctx:fail("/answers/TPM-02/answer", "TPM-02 is answered \"no\": life-cycle "
        .. "responsibilities are not allocated in the contract", RA_VENDOR)
      ok = false
    elseif answer.answer == "partial" and not present(answer.comment) then
      ctx:fail("/answers/TPM-02/comment", "TPM-02 is answered \"partial\" without saying "
        .. "which responsibilities the contract leaves out", RA_VENDOR)
      ok = false
    end
  end
  if ok then
    ctx:pass(("%s allocated, covering %s"):format(util.plural(#list, "area"),
      table.concat(VENDOR_AREAS, ", ")))
  end
end

control "A.10.2" {
  title = "Who is responsible for what across the AI value chain",
  description = "Responsibilities for each AI system are allocated in writing between the "
    .. "organisation and each supplier, partner and customer: every allocation names a system "
    .. "in the inventory, a known party, the stages covered and what each side does; active "
    .. "supplier contracts allocate responsibilities; a vendor allocates the key life-cycle "
    .. "areas once each.",
  citations = { "A.10.2", "8.1", "5.3" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 6.1" }, eu_ai_act = { "Art. 25" } },
  check = function(doc, ctx)
    if doc.kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_org_allocation(doc, ctx)
    end
    return check_vendor_allocation(doc, ctx)
  end,
  remediation = {
    { key = RA_RECORD, owner = "ai-governance",
      title = "Record for each AI system and each supplier, partner and customer the stages "
        .. "covered, what each party is responsible for, and the agreement that records it" },
    { key = RA_CONTRACT, owner = "procurement",
      title = "Amend supplier contracts to allocate life-cycle responsibilities for the AI "
        .. "systems they support" },
    { key = RA_VENDOR, owner = "procurement",
      title = "Agree with the vendor who is responsible for model updates, training data, "
        .. "monitoring, incident response, data protection and human oversight" },
  },
}

-- A.10.3 --------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local SUP_DILIGENCE = "perform-supplier-due-diligence"
local SUP_CONTRACT = "add-ai-contract-clauses"
local SUP_REGISTER = "maintain-supplier-register"
local VQ_ANSWERS = "complete-vendor-questionnaire"
local VQ_REVIEW = "review-vendor-questionnaire"
local VQ_CERTS = "verify-vendor-certifications"
local VQ_DATA = "restrict-customer-data-use"
local VQ_INCIDENTS = "agree-incident-notification"
local VQ_SUBPROCESSORS = "disclose-subprocessors"
local CARD_SUPPLIER = "record-system-supplier"

-- The standard question catalogue (docs/evidence.md); critical ones fail on "no".
local QUESTIONS = util.VENDOR_QUESTIONS

-- Certifications that vouch for the vendor's management of AI or information security.
local ASSURANCE = {
  ["ISO/IEC 42001"] = true, ["ISO/IEC 27001"] = true,
  ["SOC 2 Type 1"] = true, ["SOC 2 Type 2"] = true,
}

-- Roles accountable enough to sign a vendor's answers (case-insensitive, RE2).
local ACCOUNTABLE_ROLE = "(?i)\\b(chief|officer|director|head|vice president|vp|president|"
  .. "executive|manager|owner|counsel|partner|founder|ceo|cto|cio|ciso|cco|cro|dpo)\\b"

-- Consent under which a vendor may train on customer data.
local TRAINING_CONSENT = { opt_in = true, contractual = true }

-- Vendor: the questionnaire's own dates and review.
local function check_questionnaire(doc, ctx)
  local q = util.require_object(doc, ctx, "/questionnaire", "questionnaire record (dates, "
    .. "review)", VQ_REVIEW)
  if q == nil then return false end
  local at = "/questionnaire"
  local ok = true
  local answered = q.answered
  if util.past_date(ctx, answered, at .. "/answered", "the vendor's answer", VQ_ANSWERS, true) then
    if util.day(q.sent) and dates.day(answered) < dates.day(q.sent) then
      ctx:fail(at .. "/answered", ("the questionnaire was answered %s, before it was sent (%s)")
        :format(answered, q.sent), VQ_ANSWERS)
      ok = false
    end
  else
    ok = false
    answered = nil
  end
  local valid = q.valid_until
  if valid == nil then
    ctx:fail(at .. "/valid_until", "the questionnaire states no date until which its answers "
      .. "are accepted (valid_until)", VQ_REVIEW)
    ok = false
  elseif util.day(valid) == nil then
    ctx:fail(at .. "/valid_until", "valid_until " .. util.show(valid) .. " is not a date",
      VQ_REVIEW)
    ok = false
  elseif dates.day(valid) < util.today(ctx) then
    ctx:fail(at .. "/valid_until", ("the answers expired on %s, %d days before %s: run a new "
      .. "questionnaire round"):format(valid, util.today(ctx) - dates.day(valid),
      ctx.as_of), VQ_REVIEW)
    ok = false
  end
  if not present(q.reviewed_by) then
    ctx:fail(at .. "/reviewed_by", "nobody in the organisation is recorded as reviewing the "
      .. "vendor's answers (reviewed_by)", VQ_REVIEW)
    ok = false
  elseif util.same_party(q.reviewed_by, doc:get("/attestation/name")) then
    ctx:fail(at .. "/reviewed_by", ("the answers were reviewed by %s, who also signed them for "
      .. "the vendor"):format(util.quote(q.reviewed_by)), VQ_REVIEW)
    ok = false
  end
  if util.past_date(ctx, q.reviewed, at .. "/reviewed", "the organisation's review of the answers",
      VQ_REVIEW, true) then
    if answered and dates.day(q.reviewed) < dates.day(answered) then
      ctx:fail(at .. "/reviewed", ("the answers were reviewed %s, before the vendor gave them "
        .. "(%s)"):format(q.reviewed, answered), VQ_REVIEW)
      ok = false
    end
  else
    ok = false
  end
  local outcome = q.outcome
  if outcome ~= "approved" and outcome ~= "approved_with_conditions" then
    ctx:fail(at .. "/outcome", ("the review of the answers concluded %s; the supplier must be "
      .. "approved before it is relied on"):format(util.show(outcome)), VQ_REVIEW)
    ok = false
  end
  return ok
end

-- Vendor: certifications current on --as-of, at least one of them an assurance standard.
local function check_certifications(doc, ctx)
  local certs = util.require_list(doc, ctx, "/certifications", "certifications", VQ_CERTS)
  if certs == nil then return false end
  local today = util.today(ctx)
  local ok = true
  local current, has = {}, {}
  for i = 1, #certs do
    local c, at = certs[i], certs:pointer(i)
    local name = "certification #" .. i
    if util.shape(c) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(c), VQ_CERTS)
      ok = false
    else
      if type(c.standard) == "string" then
        name = c.standard .. " certification"
        if type(c.certificate_id) == "string" then
          name = name .. " " .. util.quote(c.certificate_id)
        end
      end
      local complete = util.require_fields(c, at, name, {
        { "standard", "the standard" },
        { "issuer", "who issued it" },
        { "certificate_id", "the certificate or report number" },
      }, ctx, VQ_CERTS) == 0
      if c.issued ~= nil and util.age_in_days(ctx, c.issued, at .. "/issued", name
          .. " issued", VQ_CERTS) == nil then
        complete = false
      end
      local expires = util.day(c.expires)
      if expires == nil then
        ctx:fail(at .. "/expires", ("%s states no expiry date (found %s)")
          :format(name, util.show(c.expires)), VQ_CERTS)
        complete = false
      elseif expires < today then
        ctx:fail(at .. "/expires", ("%s expired on %s, %d days before %s")
          :format(name, c.expires, today - expires, ctx.as_of), VQ_CERTS)
        complete = false
      end
      if complete then
        if ASSURANCE[c.standard] and not has[c.standard] then
          has[c.standard] = true
          current[#current + 1] = c.standard
        end
      else
        ok = false
      end
    end
  end
  if #current == 0 then
    ctx:fail("/certifications", "the vendor holds no current ISO/IEC 42001, ISO/IEC 27001 or "
      .. "SOC 2 certification valid on " .. ctx.as_of, VQ_CERTS)
    ok = false
  elseif ctx.params.require_iso42001 and not has["ISO/IEC 42001"] then
    ctx:fail("/certifications", "the vendor holds no current ISO/IEC 42001 certification "
      .. "valid on " .. ctx.as_of .. " (require_iso42001)", VQ_CERTS)
    ok = false
  end
  return ok, current
end

-- Vendor: every standard question answered, critical ones not "no", non-yes ones explained.
local function check_answers(doc, ctx)
  local answers = util.require_object(doc, ctx, "/answers", "answers to the questionnaire",
    VQ_ANSWERS)
  if answers == nil then return false, 0 end
  local ok = true
  for _, q in ipairs(QUESTIONS) do
    local id, meaning, critical = q[1], q[2], q[3]
    local a = answers[id]
    local at = "/answers/" .. id
    if a == nil then
      ctx:insufficient(at, ("question %s (%s) is unanswered"):format(id, meaning), VQ_ANSWERS)
      ok = false
    elseif util.shape(a) == "object" and a.answer == "no" and critical then
      ctx:fail(at .. "/answer", ("the vendor answers \"no\" to critical question %s (%s)")
        :format(id, meaning), VQ_ANSWERS)
      ok = false
    end
  end
  -- Every answer (the organisation's own questions too) other than yes is explained.
  local n = 0
  for id, a in pairs(answers) do
    n = n + 1
    if util.shape(a) == "object" and a.answer ~= nil and a.answer ~= "yes"
        and not present(a.comment) then
      ctx:fail(answers:pointer(id) .. "/comment", ("question %s is answered %s without the "
        .. "vendor's explanation (comment)"):format(id, util.show(a.answer)), VQ_ANSWERS)
      ok = false
    end
  end
  return ok, n
end

-- Vendor: use of customer data for training, incident notice, subprocessors, attestation.
local function check_vendor_terms(doc, ctx)
  local ok = true
  local max_hours = ctx.params.max_incident_notification_days * 24
  local cd = util.require_object(doc, ctx, "/customer_data", "vendor's use of customer data",
    VQ_DATA)
  if cd then
    local used = cd.used_for_training
    if used == nil then
      ctx:insufficient("/customer_data/used_for_training", "the vendor does not say whether it "
        .. "trains on customer data (used_for_training)", VQ_DATA)
      ok = false
    elseif used == true and not TRAINING_CONSENT[cd.training_consent] then
      ctx:fail("/customer_data/training_consent", ("the vendor trains on customer data with "
        .. "consent %s; only opt_in or contractual consent is accepted")
        :format(util.show(cd.training_consent)), VQ_DATA)
      ok = false
    end
  else
    ok = false
  end

  local inc = util.require_object(doc, ctx, "/incident_notification",
    "vendor's incident notification commitment", VQ_INCIDENTS)
  if inc then
    if inc.committed ~= true then
      ctx:fail("/incident_notification/committed", ("the vendor does not commit to notifying "
        .. "incidents (committed is %s)"):format(util.show(inc.committed)), VQ_INCIDENTS)
      ok = false
    end
    local hours = inc.hours
    if hours == nil then
      ctx:insufficient("/incident_notification/hours", "the vendor states no time to notify "
        .. "incidents", VQ_INCIDENTS)
      ok = false
    elseif type(hours) ~= "number" or hours < 0 then
      ctx:fail("/incident_notification/hours", "hours must be a number of hours, found "
        .. util.show(hours), VQ_INCIDENTS)
      ok = false
    elseif hours > max_hours then
      ctx:fail("/incident_notification/hours", ("the vendor notifies incidents within %s hours "
        .. "(%s days); at most %d days are allowed"):format(util.nums(hours),
        util.nums(hours / 24), ctx.params.max_incident_notification_days), VQ_INCIDENTS)
      ok = false
    end
  else
    ok = false
  end

  local subs = util.require_list(doc, ctx, "/subprocessors", "subprocessors", VQ_SUBPROCESSORS)
  if subs then
    for i = 1, #subs do
      local s, at = subs[i], subs:pointer(i)
      local name = util.label("subprocessor", s, i)
      if util.shape(s) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(s), VQ_SUBPROCESSORS)
        ok = false
      else
        if util.require_fields(s, at, name, {
          { "name", "its name" },
          { "service", "what it does" },
          { "location", "where it processes data" },
        }, ctx, VQ_SUBPROCESSORS) > 0 then
          ok = false
        end
        for _, key in ipairs({ "processes_customer_data", "ai_related" }) do
          if type(s[key]) ~= "boolean" then
            ctx:fail(at .. "/" .. key, ("%s: %s is not stated (found %s)")
              :format(name, key, util.show(s[key])), VQ_SUBPROCESSORS)
            ok = false
          end
        end
      end
    end
  else
    ok = false
  end

  local att = util.require_object(doc, ctx, "/attestation", "vendor's sign-off of the answers",
    VQ_ANSWERS)
  if att then
    if util.require_fields(att, "/attestation", "the vendor's attestation", {
      { "name", "who signed" },
      { "role", "their role" },
    }, ctx, VQ_ANSWERS) > 0 then
      ok = false
    end
    local role = att.role
    if type(role) == "string" and present(role) and not re.test(role, ACCOUNTABLE_ROLE) then
      ctx:fail("/attestation/role", ("the answers were signed by a %s, not by someone "
        .. "accountable for them (an officer, director, head, manager, owner or counsel)")
        :format(util.quote(role)), VQ_ANSWERS)
      ok = false
    end
    if util.fresh(ctx, att.date, "/attestation/date", "the vendor's attestation",
        ctx.params.max_attestation_age_days, VQ_ANSWERS) then
      local answered = doc:get("/questionnaire/answered")
      if util.day(answered) and dates.day(att.date) < dates.day(answered) then
        ctx:fail("/attestation/date", ("the vendor signed the answers %s, before they were "
          .. "given (%s)"):format(att.date, answered), VQ_ANSWERS)
        ok = false
      end
    else
      ok = false
    end
  else
    ok = false
  end
  return ok
end

local function check_vendor(doc, ctx)
  local q_ok = check_questionnaire(doc, ctx)
  local c_ok, current = check_certifications(doc, ctx)
  local a_ok, n = check_answers(doc, ctx)
  local t_ok = check_vendor_terms(doc, ctx)
  if q_ok and c_ok and a_ok and t_ok then
    ctx:pass(("answers valid until %s; current %s; %s answered; incident notice within %s "
      .. "hours"):format(doc:get("/questionnaire/valid_until"), table.concat(current, ", "),
      util.plural(n, "question"), util.nums(doc:get("/incident_notification/hours"))))
  end
end

-- Organisation: each active supplier assessed within its cycle, under a current contract with
-- AI clauses for AI supply; every system's supplier approved.
local function check_register(doc, ctx)
  local register = util.require_list(doc, ctx, "/supplier_register", "supplier register",
    { SUP_REGISTER, SUP_DILIGENCE })
  if register == nil then return end
  local p = ctx.params
  local today = util.today(ctx)
  local max_hours = p.max_incident_notification_days * 24
  local ok, active = true, 0
  for i = 1, #register do
    local s, at = register[i], register:pointer(i)
    local name = util.label("supplier", s, i)
    if util.shape(s) ~= "object" then
      ctx:fail(at, name .. " must be an object, found " .. util.show(s), SUP_REGISTER)
      ok = false
    else
      if util.require_fields(s, at, name, {
        { "id", "an id" },
        { "type", "what kind of supply it is" },
        { "status", "its approval status" },
        { "owner", "who owns the relationship" },
        { "criticality", "how critical the supply is" },
      }, ctx, SUP_REGISTER) > 0 then
        ok = false
      end
      if not INACTIVE[s.status] then
        active = active + 1
        -- Due diligence within its cycle.
        -- None stated: the longest allowed; a bad one is reported, a too long one judged by.
        local cycle, problem, months = util.cycle_months(s.due_diligence_cycle_months,
          p.max_due_diligence_cycle_months)
        if problem == "missing" then
          cycle = math.tointeger(p.max_due_diligence_cycle_months)
        elseif problem == "malformed" then
          ctx:fail(at .. "/due_diligence_cycle_months", ("%s: due_diligence_cycle_months must "
            .. "be a whole number of months, found %s"):format(name,
            util.show(s.due_diligence_cycle_months)), SUP_DILIGENCE)
          ok = false
          cycle = math.tointeger(p.max_due_diligence_cycle_months)
        elseif problem == "implausible" then
          -- Judged against the longest allowed, as a malformed cycle is.
          ctx:fail(at .. "/due_diligence_cycle_months", ("%s: %s"):format(name,
            util.implausible_months("a due diligence cycle", months)), SUP_DILIGENCE)
          ok = false
          cycle = math.tointeger(p.max_due_diligence_cycle_months)
        elseif problem == "too_long" then
          ctx:fail(at .. "/due_diligence_cycle_months", ("%s: due diligence is repeated every "
            .. "%d months; at most %d are allowed"):format(name, months,
            p.max_due_diligence_cycle_months), SUP_DILIGENCE)
          ok = false
          cycle = months
        end
        local dd = s.due_diligence
        if util.past_date(ctx, dd, at .. "/due_diligence", "the due diligence of " .. name,
            SUP_DILIGENCE, true) then
          local due = util.add_months(dd, cycle)
          if dates.day(due) < today then
            ctx:fail(at .. "/due_diligence", ("%s: due diligence was last performed %s and was "
              .. "due again by %s (every %d months)"):format(name, dd, due, cycle),
              SUP_DILIGENCE)
            ok = false
          end
        else
          ok = false
        end

        -- A current contract, with AI clauses for AI supply.
        local contract = s.contract
        local c_at = at .. "/contract"
        if util.shape(contract) ~= "object" then
          ctx:fail(c_at, name .. " is active but no contract is recorded", SUP_CONTRACT)
          ok = false
        else
          if not present(contract.reference) then
            ctx:fail(c_at .. "/reference", name .. ": the contract has no reference",
              SUP_CONTRACT)
            ok = false
          end
          if not util.past_date(ctx, contract.signed, c_at .. "/signed",
              "the contract with " .. name, SUP_CONTRACT, true) then
            ok = false
          end
          local expires = util.day(contract.expires)
          if contract.expires ~= nil and expires == nil then
            ctx:fail(c_at .. "/expires", ("%s: contract expiry %s is not a date")
              :format(name, util.show(contract.expires)), SUP_CONTRACT)
            ok = false
          elseif expires and expires < today then
            ctx:fail(c_at .. "/expires", ("the contract with %s expired on %s, %d days before "
              .. "%s"):format(name, contract.expires, today - expires, ctx.as_of), SUP_CONTRACT)
            ok = false
          end
          if AI_SUPPLY[s.type] then
            for _, f in ipairs({
              { "ai_clauses", "AI-specific clauses on use, quality, transparency and changes" },
              { "data_use_restrictions", "restrictions on the supplier's use of its data" },
            }) do
              if contract[f[1]] ~= true then
                ctx:fail(c_at .. "/" .. f[1], ("the contract with AI %s has no %s "
                  .. "(%s is %s)"):format(name, f[2], f[1], util.show(contract[f[1]])),
                  SUP_CONTRACT)
                ok = false
              end
            end
            local hours = contract.incident_notification_hours
            if type(hours) ~= "number" then
              ctx:fail(c_at .. "/incident_notification_hours", ("the contract with AI %s sets "
                .. "no time to notify incidents"):format(name), SUP_CONTRACT)
              ok = false
            elseif hours > max_hours then
              ctx:fail(c_at .. "/incident_notification_hours", ("the contract with AI %s "
                .. "allows %s hours to notify incidents; at most %d days are allowed")
                :format(name, util.nums(hours), p.max_incident_notification_days), SUP_CONTRACT)
              ok = false
            end
          end
        end
        if AI_SUPPLY[s.type] and not present(s.questionnaire) then
          ctx:fail(at .. "/questionnaire", ("AI %s has not answered a vendor questionnaire "
            .. "(questionnaire)"):format(name), SUP_DILIGENCE)
          ok = false
        end
      end
    end
  end

  -- The supplier of every AI system is in the register and may be relied on.
  local by_id = util.by_key(register, "id")
  local inventory = doc:get("/ai_system_inventory")
  if util.shape(inventory) == "array" then
    for i = 1, #inventory do
      local sys = inventory[i]
      local sup = util.shape(sys) == "object" and sys.supplier or nil
      if type(sup) == "string" then
        local supplier = by_id[sup]
        local at = inventory:pointer(i) .. "/supplier"
        if supplier == nil then
          ctx:fail(at, ("%s relies on supplier %s, which is not in the supplier register")
            :format(util.label("AI system", sys, i), util.quote(sup)), SUP_REGISTER)
          ok = false
        elseif not USABLE[supplier.status] then
          ctx:fail(at, ("%s relies on supplier %s, whose status is %s")
            :format(util.label("AI system", sys, i), util.quote(sup),
              util.show(supplier.status)), SUP_DILIGENCE)
          ok = false
        end
      end
    end
  end
  if ok then
    ctx:pass(("%s assessed within their cycles under current contracts")
      :format(util.plural(active, "active supplier")))
  end
end

-- Model card: the supplier the system is built on, identified and assessed.
local function check_card_supplier(doc, ctx)
  local sup = doc.supplier
  if sup == nil then
    if doc.organization_role == "customer" then
      ctx:insufficient("/supplier", "the organisation uses this system as a customer but the "
        .. "card names no supplier", CARD_SUPPLIER)
    else
      ctx:not_applicable("the card names no supplier of the system or of a component")
    end
    return
  end
  if util.shape(sup) ~= "object" then
    ctx:fail("/supplier", "supplier must be an object, found " .. util.show(sup), CARD_SUPPLIER)
    return
  end
  if util.require_fields(sup, "/supplier", "the system's supplier", {
    { "name", "its name" },
    { "supplier_id", "its id in the supplier register" },
    { "product", "the product supplied" },
    { "version", "the version supplied" },
    { "questionnaire", "the vendor questionnaire that assessed it" },
  }, ctx, CARD_SUPPLIER) == 0 then
    ctx:pass(("built on %s %s of %s (%s), assessed by questionnaire %s")
      :format(util.show(sup.product), util.show(sup.version), util.show(sup.name),
        util.show(sup.supplier_id), util.show(sup.questionnaire)))
  end
end

control "A.10.3" {
  title = "Choosing and overseeing AI suppliers",
  description = "Every active supplier in the register has had due diligence within its cycle "
    .. "and works under a current contract that, for AI supply, has AI clauses, limits data use "
    .. "and sets an incident notice; each vendor questionnaire is in date, signed recently by "
    .. "an accountable vendor role and reviewed independently, every standard question is "
    .. "answered with no \"no\" on a critical one, certifications are valid on the evaluation "
    .. "date, customer data is not trained on without consent, subprocessors are disclosed, "
    .. "and incidents are notified in time.",
  citations = { "A.10.3", "8.1" },
  applies_to = { "organization", "vendor_questionnaire", "model_card" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "GOVERN 6.1" }, eu_ai_act = { "Art. 25" } },
  params = {
    -- max_incident_notification_days, the longest time a supplier may take to notify an
    -- incident, is pack-wide (pack.lua): A.8.4 judges a vendor's commitment by it too.
    -- The longest interval between due diligence checks of a supplier, in months (also the
    -- cycle assumed when the register states none).
    max_due_diligence_cycle_months = 12,
    -- Whether a vendor must hold a current ISO/IEC 42001 certificate.
    require_iso42001 = false,
    -- The vendor's signed attestation of its answers may be at most this many days old.
    max_attestation_age_days = 365,
  },
  check = function(doc, ctx)
    local kind = doc.kind
    if kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_register(doc, ctx)
    elseif kind == "vendor_questionnaire" then
      return check_vendor(doc, ctx)
    end
    return check_card_supplier(doc, ctx)
  end,
  remediation = {
    { key = SUP_REGISTER, owner = "procurement",
      title = "Keep every supplier in the register with its type, status, owner and "
        .. "criticality, and register the suppliers AI systems rely on" },
    { key = SUP_DILIGENCE, owner = "procurement",
      title = "Repeat supplier due diligence on its cycle, with a vendor questionnaire for AI "
        .. "suppliers, and approve a supplier before a system relies on it" },
    { key = SUP_CONTRACT, owner = "legal",
      title = "Keep a current contract with every active supplier, with AI clauses, data use "
        .. "restrictions and an incident notice period for AI supply" },
    { key = VQ_ANSWERS, owner = "procurement",
      title = "Obtain an answer, explained where it is not yes, to every standard question, "
        .. "signed by the vendor" },
    { key = VQ_REVIEW, owner = "procurement",
      title = "Review the vendor's answers independently, conclude the review, and renew the "
        .. "questionnaire before it expires" },
    { key = VQ_CERTS, owner = "procurement",
      title = "Obtain current ISO/IEC 42001, ISO/IEC 27001 or SOC 2 evidence from the vendor, "
        .. "with issuer, number and expiry" },
    { key = VQ_DATA, owner = "legal",
      title = "Stop the vendor from training on customer data without opt-in or contractual "
        .. "consent" },
    { key = VQ_INCIDENTS, owner = "legal",
      title = "Agree an incident notification commitment with the vendor within the allowed "
        .. "time" },
    { key = VQ_SUBPROCESSORS, owner = "procurement",
      title = "Have the vendor disclose every subprocessor with its service, location, and "
        .. "whether it processes customer data or is AI-related" },
    { key = CARD_SUPPLIER, owner = "system-owner",
      title = "Record the system's supplier, product, version, register id and questionnaire "
        .. "in its model card" },
  },
}

-- A.10.4 --------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local CUS_NEEDS = "determine-customer-needs"
local CUS_INFORM = "inform-customers"
local CUS_REVIEW = "review-customer-relationships"

control "A.10.4" {
  title = "Meeting the needs of customers of AI systems",
  description = "For every customer or customer segment of its AI systems the organisation "
    .. "records the systems used (from the inventory), the governing agreement and the "
    .. "customer's needs, has given them information such as instructions for use, offers a "
    .. "feedback channel, and has reviewed the relationship recently.",
  citations = { "A.10.4", "4.2", "8.1" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MANAGE 4.1" } },
  params = {
    -- Each customer relationship must have been reviewed within this many days.
    max_review_age_days = 365,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "PRV-01" })
    end
    if util.excluded_by_soa(doc, ctx) then return end
    local customers = util.require_list(doc, ctx, "/customers", "customers of AI systems",
      { CUS_NEEDS, CUS_INFORM, CUS_REVIEW })
    if customers == nil then return end
    local systems = util.by_key(doc:get("/ai_system_inventory"), "id") or {}
    local good = 0
    for i = 1, #customers do
      local c, at = customers[i], customers:pointer(i)
      local name = util.label("customer", c, i)
      if util.shape(c) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(c), CUS_NEEDS)
      else
        local ok = util.require_fields(c, at, name, {
          { "id", "an id" },
          { "agreement", "the agreement that governs the relationship" },
          { "expectations", "their needs and expectations of the AI systems" },
        }, ctx, CUS_NEEDS) == 0
        if util.require_fields(c, at, name, {
          { "feedback_channel", "how they give feedback or report problems" },
        }, ctx, CUS_INFORM) > 0 then
          ok = false
        end
        local list = c.ai_systems
        local n_sys, all = util.check_strings(ctx, list, at .. "/ai_systems", name,
          "AI systems it uses", CUS_NEEDS, true)
        if not all then ok = false end
        if n_sys > 0 then
          for j = 1, #list do
            local id = list[j]
            if type(id) == "string" and present(id) and systems[id] == nil then
              ctx:fail(list:pointer(j), ("%s uses AI system %s, which is not in the AI system "
                .. "inventory"):format(name, util.quote(id)), CUS_NEEDS)
              ok = false
            end
          end
        end
        local _, informed = util.check_strings(ctx, c.information_provided,
          at .. "/information_provided", name,
          "information provided to it (instructions for use, model card, notices)", CUS_INFORM,
          true)
        if not informed then ok = false end
        if not util.fresh(ctx, c.last_reviewed, at .. "/last_reviewed",
            "the last review of the relationship with " .. name, ctx.params.max_review_age_days,
            CUS_REVIEW) then
          ok = false
        end
        if ok then good = good + 1 end
      end
    end
    if good == #customers then
      ctx:pass(("%d/%d customers have their needs recorded, information provided and a "
        .. "feedback channel, reviewed within %d days"):format(good, #customers,
        ctx.params.max_review_age_days))
    end
  end,
  remediation = {
    util.vendor_task("no training on customer data without the customer's consent"),
    { key = CUS_NEEDS, owner = "product-management",
      title = "Record for each customer the AI systems it uses, the governing agreement and "
        .. "its needs and expectations" },
    { key = CUS_INFORM, owner = "product-management",
      title = "Give each customer the information it needs (instructions for use, model card, "
        .. "change notices) and a channel for feedback" },
    { key = CUS_REVIEW, owner = "product-management",
      title = "Review each customer relationship against the customer's needs and record the "
        .. "date" },
  },
}
