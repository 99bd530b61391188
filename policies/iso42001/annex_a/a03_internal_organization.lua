-- Annex A.3: internal organization (A.3.2-A.3.3).
local util = require "util"

---------------------------------------------------------------------------------------------
-- A.3.2 AI roles and responsibilities
---------------------------------------------------------------------------------------------

local RL_ASSIGN = "assign-ai-responsibilities"
local RL_DEFINE = "define-ai-roles"

-- The areas an organisation's AI roles must cover, as /roles/*/areas values, with their names
-- in messages. The control's `required_areas` param (comma-separated) selects among them or
-- adds others.
local AREA_NAMES = {
  risk_management = "AI risk management",
  impact_assessment = "AI system impact assessment",
  asset_management = "asset and resource management",
  security = "security",
  safety = "safety",
  privacy = "privacy",
  development = "development",
  performance = "performance",
  human_oversight = "human oversight",
  supplier_relationships = "supplier relationships",
  legal_compliance = "legal and regulatory compliance",
  data_quality = "data quality",
}

control "A.3.2" {
  title = "Responsibilities for AI assigned to named holders",
  description = "Every area of responsibility an AI management system needs (risk, impact, "
    .. "assets, security, safety, privacy, development, performance, human oversight, suppliers, "
    .. "legal compliance, data quality) is assigned to a role with a named holder; each role "
    .. "states its responsibilities and authorities and who assigned it, and when.",
  citations = { "A.3.2", "5.3" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "GOVERN 2.1", "MEASURE 2.7" } },
  params = {
    -- The areas that must each be held by a named person or post (values of /roles/*/areas).
    required_areas = "risk_management,impact_assessment,asset_management,security,safety,"
      .. "privacy,development,performance,human_oversight,supplier_relationships,"
      .. "legal_compliance,data_quality",
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "GOV-02" })
    end
    if util.excluded_by_soa(doc, ctx) then return end
    local roles = util.require_list(doc, ctx, "/roles", "AI roles and responsibilities",
      { RL_ASSIGN, RL_DEFINE })
    if roles == nil then return end
    local ok = true
    local held, unheld = {}, {}   -- area -> role name
    for i = 1, #roles do
      local r = roles[i]
      local at = roles:pointer(i)
      local name = util.label("role", r, i)
      if util.shape(r) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(r), RL_DEFINE)
        ok = false
      else
        if type(r.role) == "string" and present(r.role) then
          name = "role " .. util.quote(r.role)
        else
          ctx:fail(at .. "/role", name .. " is not named (role)", RL_DEFINE)
          ok = false
        end
        local has_holder = util.require_text(ctx, r, "holder", name,
          "has no named holder (a person or post)", RL_ASSIGN)
        ok = has_holder and ok
        ok = util.require_text(ctx, r, "responsibilities", name,
          "does not state its responsibilities", RL_DEFINE) and ok
        ok = util.require_text(ctx, r, "authorities", name, "does not state its authorities",
          RL_DEFINE) and ok
        ok = util.require_text(ctx, r, "assigned_by", name, "does not say who assigned it "
          .. "(assigned_by)", RL_ASSIGN) and ok
        if r.assigned == nil then
          ctx:fail(at .. "/assigned", name .. ": the assignment is not dated (assigned)",
            RL_ASSIGN)
          ok = false
        elseif not util.past_date(ctx, r.assigned, at .. "/assigned", name .. ": assigned",
            RL_ASSIGN) then
          ok = false
        end
        local areas = r.areas
        if util.shape(areas) == "array" then
          for j = 1, #areas do
            local a = areas[j]
            if type(a) == "string" then
              if has_holder then held[a] = held[a] or name else unheld[a] = unheld[a] or name end
            end
          end
        elseif areas ~= nil and util.shape(areas) ~= "empty" then
          ctx:fail(at .. "/areas", name .. ": areas must be a list, found " .. util.show(areas),
            RL_DEFINE)
          ok = false
        end
      end
    end
    local missing, n_required = {}, 0
    for area in ctx.params.required_areas:gmatch("[^,%s]+") do
      n_required = n_required + 1
      if not held[area] then
        local label = (AREA_NAMES[area] or area:gsub("_", " ")) .. " (" .. area .. ")"
        if unheld[area] then
          label = label .. ", given to " .. unheld[area] .. " which has no holder"
        end
        missing[#missing + 1] = label
      end
    end
    if #missing > 0 then
      ctx:fail(roles:pointer(), ("%s of AI responsibility %s not assigned to a named holder: %s")
        :format(util.plural(#missing, "area"), #missing == 1 and "is" or "are",
          table.concat(missing, "; ")), RL_ASSIGN)
      ok = false
    end
    if ok then
      ctx:pass(("all %d areas of AI responsibility held by named holders across %s")
        :format(n_required, util.plural(#roles, "role")))
    end
  end,
  remediation = {
    util.vendor_task("AI roles assigned with an accountable executive"),
    { key = RL_ASSIGN, owner = "top-management",
      title = "Assign every area of AI responsibility to a role with a named holder, and record "
        .. "who assigned it and when" },
    { key = RL_DEFINE, owner = "ai-governance",
      title = "State the responsibilities, authorities and areas of every AI role" },
  },
}

---------------------------------------------------------------------------------------------
-- A.3.3 Reporting of concerns
---------------------------------------------------------------------------------------------

local CR_PROCESS = "define-concern-process"
local CR_PROTECT = "protect-reporters"
local CR_REVIEW = "review-concern-process"

control "A.3.3" {
  title = "A protected channel for raising concerns about AI",
  description = "A documented process with an owner lets people raise concerns about the "
    .. "organisation's AI: at least one channel accepts anonymous reports and one is open to "
    .. "contractors; reporters are kept confidential and protected from reprisal; concerns are "
    .. "investigated, escalated and answered within a set time by a role that handles them; the "
    .. "process was communicated and reviewed recently.",
  citations = { "A.3.3", "7.4" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "medium",
  params = {
    -- At least one channel must accept anonymous reports.
    require_anonymous_channel = true,
    -- At least one channel must be open to contractors, not only employees.
    require_contractor_access = true,
    -- The longest committed response time, in days.
    max_response_days = 30,
    -- The process must have been reviewed within this many days.
    max_review_age_days = 366,
    -- ... and communicated to staff within this many days.
    max_communication_age_days = 366,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "GOV-03" })
    end
    if util.excluded_by_soa(doc, ctx) then return end
    local p = ctx.params
    local cr = util.require_object(doc, ctx, "/concern_reporting", "process for reporting "
      .. "concerns", { CR_PROCESS, CR_PROTECT, CR_REVIEW })
    if cr == nil then return end
    local ok = true
    local name = "the concern reporting process"
    ok = util.require_text(ctx, cr, "document", name, "is not documented (document)", CR_PROCESS)
      and ok
    ok = util.require_text(ctx, cr, "owner", name, "has no owner", CR_PROCESS) and ok
    ok = util.require_text(ctx, cr, "investigation", name,
      "does not say how concerns are investigated and resolved", CR_PROCESS) and ok
    ok = util.require_text(ctx, cr, "escalation", name,
      "does not say to whom concerns are escalated", CR_PROCESS) and ok

    -- The channels.
    local channels = cr.channels
    local anonymous, contractors, n_channels = false, false, 0
    if util.shape(channels) ~= "array" then
      ctx:fail(cr:pointer("channels"), name .. " offers no channel to raise a concern",
        CR_PROCESS)
      ok = false
    else
      n_channels = #channels
      for i = 1, #channels do
        local ch = channels[i]
        local at = channels:pointer(i)
        local ch_name = ("channel #%d"):format(i)
        if util.shape(ch) ~= "object" then
          ctx:fail(at, ch_name .. " must be an object, found " .. util.show(ch), CR_PROCESS)
          ok = false
        else
          if type(ch.type) == "string" then ch_name = ch_name .. " (" .. ch.type .. ")" end
          ok = util.require_text(ctx, ch, "address", ch_name,
            "does not say how to reach it (address)", CR_PROCESS) and ok
          if ch.anonymous == true then anonymous = true end
          local who = ch.available_to
          if util.shape(who) ~= "array" then
            ctx:fail(at .. "/available_to", ch_name .. " does not say who may use it "
              .. "(available_to)", CR_PROCESS)
            ok = false
          else
            for j = 1, #who do
              if type(who[j]) == "string" and re.test(who[j], "(?i)contractor|third part|supplier")
              then
                contractors = true
              end
            end
          end
        end
      end
      if p.require_anonymous_channel and not anonymous then
        ctx:fail(cr:pointer("channels"), ("none of the %s of %s accepts anonymous reports")
          :format(util.plural(n_channels, "channel"), name), CR_PROTECT)
        ok = false
      end
      if p.require_contractor_access and not contractors then
        ctx:fail(cr:pointer("channels"), ("none of the %s of %s is open to contractors or other "
          .. "third parties"):format(util.plural(n_channels, "channel"), name), CR_PROCESS)
        ok = false
      end
    end

    -- Protection of reporters.
    if cr.confidentiality ~= true then
      ctx:fail(cr:pointer("confidentiality"), ("%s does not keep reporters' identities "
        .. "confidential (confidentiality is %s)"):format(name, util.show(cr.confidentiality)),
        CR_PROTECT)
      ok = false
    end
    if cr.protection_from_reprisal ~= true then
      ctx:fail(cr:pointer("protection_from_reprisal"), ("%s does not protect reporters from "
        .. "reprisal (protection_from_reprisal is %s)")
        :format(name, util.show(cr.protection_from_reprisal)), CR_PROTECT)
      ok = false
    end

    -- A committed response time.
    local days = cr.response_time_days
    if days == nil then
      ctx:fail(cr:pointer("response_time_days"), name .. " commits to no response time "
        .. "(response_time_days)", CR_PROCESS)
      ok = false
    elseif type(days) ~= "number" or days > p.max_response_days then
      ctx:fail(cr:pointer("response_time_days"), ("%s commits to answering within %s days; at "
        .. "most %d are allowed"):format(name, util.show(days), p.max_response_days), CR_PROCESS)
      ok = false
    end

    -- Someone handles concerns.
    local roles = doc:get("/roles")
    if util.shape(roles) == "array" then
      local handler = false
      for i = 1, #roles do
        local r = roles[i]
        if util.shape(r) == "object" and present(r.holder) and util.shape(r.areas) == "array" then
          for j = 1, #r.areas do
            if r.areas[j] == "concern_handling" then handler = true end
          end
        end
      end
      if not handler then
        ctx:fail("/roles", "no role with a named holder is responsible for handling concerns "
          .. "(area concern_handling)", CR_PROCESS)
        ok = false
      end
    end

    -- Communicated and reviewed recently.
    for _, f in ipairs({
      { "communicated", "communicated to staff", p.max_communication_age_days },
      { "last_reviewed", "reviewed", p.max_review_age_days },
    }) do
      local key, verb, max = f[1], f[2], f[3]
      local v = cr[key]
      if v == nil then
        ctx:insufficient(cr:pointer(key), ("no record of when %s was last %s (%s)")
          :format(name, verb, key), CR_REVIEW)
        ok = false
      else
        local _, age = util.past_date(ctx, v, cr:pointer(key), name .. " " .. key, CR_REVIEW)
        if age == nil or util.too_old(ctx, age, max, cr:pointer(key),
            name .. " was last " .. verb, v, CR_REVIEW) then
          ok = false
        end
      end
    end

    if ok then
      ctx:pass(("%s, including anonymous and contractor access; confidential, protected from "
        .. "reprisal, answered within %s days; reviewed %s")
        :format(util.plural(n_channels, "channel"), util.show(days), cr.last_reviewed))
    end
  end,
  remediation = {
    util.vendor_task("a route for staff and third parties to report concerns"),
    { key = CR_PROCESS, owner = "ai-governance",
      title = "Document the concern reporting process: owner, channels open to staff and "
        .. "contractors, investigation, escalation and a committed response time" },
    { key = CR_PROTECT, owner = "compliance",
      title = "Offer an anonymous channel and guarantee reporters confidentiality and "
        .. "protection from reprisal" },
    { key = CR_REVIEW, owner = "ai-governance",
      title = "Review the concern reporting process and communicate it to staff, recording the "
        .. "dates" },
  },
}
