-- Clause 4: context of the organization (4.1-4.4).
local util = require "util"

---------------------------------------------------------------------------------------------------
-- 4.1

local ISSUES = "analyse-context"
local REQUIREMENTS = "register-requirements"
local CONTEXT_REVIEW = "review-context"
local ROLES = "determine-ai-roles"

-- Checks the register of applicable requirements; returns how many are complete, or nil.
local function check_requirements(ctx, context, inventory)
  local list = context.applicable_requirements
  local at = context:pointer("applicable_requirements")
  if not util.is_list(list) then
    ctx:fail(at, "the context analysis lists no legal, regulatory or contractual requirements "
      .. "that apply to the organisation's AI systems (applicable_requirements)", REQUIREMENTS)
    return nil
  end
  local complete = 0
  for i = 1, #list do
    local r, rat = list[i], list:pointer(i)
    local name = util.label("requirement", r, i)
    if not util.is_object(r) then
      ctx:fail(rat, name .. " must be an object, found " .. util.show(r), REQUIREMENTS)
    else
      local ok = true
      if not util.is_text(r.requirement) then
        ctx:fail(rat .. "/requirement", name .. " does not name the law, regulation or contract",
          REQUIREMENTS)
        ok = false
      end
      if r.type == nil then
        ctx:fail(rat .. "/type", name .. " does not say whether it is legal, regulatory, "
          .. "contractual or voluntary (type)", REQUIREMENTS)
        ok = false
      end
      if not util.is_text(r.owner) then
        ctx:fail(rat .. "/owner", name .. " has no owner who keeps track of it", REQUIREMENTS)
        ok = false
      end
      local applies = r.applies_to
      if inventory and util.is_list(applies) then
        for j = 1, #applies do
          local sys = applies[j]
          if not inventory[sys] then
            ctx:fail(applies:pointer(j), ("%s applies to AI system %s, which is not in the AI "
              .. "system inventory"):format(name, util.show(sys)), REQUIREMENTS)
            ok = false
          end
        end
      end
      if ok then complete = complete + 1 end
    end
  end
  return complete
end

control "4.1" {
  title = "The organisation's context and its roles towards AI",
  description = "The organisation has worked out the external and internal issues that bear on "
    .. "its AI management system, whether climate change is one of them, the requirements that "
    .. "apply to its AI systems (each with an owner), and the roles it plays towards those "
    .. "systems; the analysis is reviewed on its stated cycle.",
  citations = { "4.1", "4.3", "6.1.1" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.1" } },
  params = {
    -- The longest review cycle accepted for the context analysis, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    local context = util.require_object(doc, ctx, "/context", "context analysis",
      { ISSUES, REQUIREMENTS, CONTEXT_REVIEW })
    if context == nil then return end
    local inventory = util.inventory(doc)

    local ext, ext_ok = util.need_strings(ctx, context, "external_issues",
      "the context analysis lists no external issues (law, market, society, technology)", ISSUES)
    local int, int_ok = util.need_strings(ctx, context, "internal_issues",
      "the context analysis lists no internal issues (strategy, culture, capabilities)", ISSUES)
    local climate_ok = true
    if type(context.climate_change_relevant) ~= "boolean" then
      ctx:fail(context:pointer("climate_change_relevant"), "the context analysis does not say "
        .. "whether climate change is a relevant issue (climate_change_relevant, found "
        .. util.show(context.climate_change_relevant) .. ")", ISSUES)
      climate_ok = false
    end
    if not util.is_text(context.climate_change_rationale) then
      ctx:fail(context:pointer("climate_change_rationale"), "the context analysis gives no "
        .. "reason why climate change is or is not relevant (climate_change_rationale)", ISSUES)
      climate_ok = false
    end
    local reqs = check_requirements(ctx, context, inventory)
    local due = util.check_review(ctx, context, "the context analysis",
      { max_cycle = ctx.params.max_review_cycle_months, tasks = CONTEXT_REVIEW })

    -- The roles the organisation takes towards AI systems, and the systems it actually has.
    local roles = doc:get("/scope/ai_roles")
    local roles_ok = false
    if not util.is_list(roles) then
      ctx:fail("/scope/ai_roles", "the organisation has not determined its roles towards AI "
        .. "systems (provider, producer, customer, partner, subject) at /scope/ai_roles", ROLES)
    else
      roles_ok = true
      local stated = {}
      for i = 1, #roles do
        if type(roles[i]) == "string" then stated[roles[i]] = true end
      end
      local inv = doc.ai_system_inventory
      if util.is_list(inv) then
        for i = 1, #inv do
          local s = inv[i]
          if util.is_object(s) and s.in_scope ~= false and type(s.role) == "string"
              and not stated[s.role] then
            ctx:fail(inv:pointer(i) .. "/role", ("%s is one where the organisation is %s, a "
              .. "role missing from /scope/ai_roles"):format(util.label("AI system", s, i),
              util.quote(s.role)), ROLES)
            roles_ok = false
          end
        end
      end
    end

    if ext_ok and int_ok and climate_ok and reqs and reqs == #context.applicable_requirements
        and due and roles_ok then
      ctx:pass(("%d external and %d internal issues, climate change addressed, %s with owners, "
        .. "%s; next review due %s"):format(#ext, #int, util.plural(reqs, "requirement"),
        util.plural(#roles, "AI role"), due))
    end
  end,
  remediation = {
    { key = ISSUES, owner = "ai-governance",
      title = "Record the external and internal issues relevant to the AIMS, including whether "
        .. "climate change is relevant and why" },
    { key = REQUIREMENTS, owner = "compliance",
      title = "Keep a register of the legal, regulatory and contractual requirements that apply "
        .. "to each AI system, with an owner for each" },
    { key = CONTEXT_REVIEW, owner = "ai-governance",
      title = "Review the context analysis on its stated cycle and record the date" },
    { key = ROLES, owner = "ai-governance",
      title = "Determine the roles the organisation takes towards its AI systems and state them "
        .. "in the AIMS scope" },
  },
}

---------------------------------------------------------------------------------------------------
-- 4.2

local PARTIES = "record-interested-parties"
local PARTIES_REVIEW = "review-interested-parties"

control "4.2" {
  title = "Interested parties and what they need from the AIMS",
  description = "The interested parties that matter to the AI management system are recorded, "
    .. "external ones among them, each with its needs, the requirements the AIMS takes on from "
    .. "them and how it meets them; the list is reviewed with the context.",
  citations = { "4.2", "4.3" },
  applies_to = { "organization" },
  severity = "medium",
  params = {
    -- At least this many external interested parties (affected people, regulators, customers).
    min_external_parties = 1,
    -- The longest review cycle accepted for the context and interested parties, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    local parties = util.require_list(doc, ctx, "/interested_parties", "interested parties",
      PARTIES)
    if parties == nil then return end
    local complete, external, seen = 0, 0, {}
    for i = 1, #parties do
      local p, at = parties[i], parties:pointer(i)
      local name = util.label("interested party", p, i)
      if not util.is_object(p) then
        ctx:fail(at, name .. " must be an object, found " .. util.show(p), PARTIES)
      else
        if util.is_text(p.party) then name = "interested party " .. util.quote(p.party) end
        local ok = true
        if type(p.id) == "string" then
          if seen[p.id] then
            ctx:fail(at .. "/id", ("%s duplicates the id of interested party #%d")
              :format(name, seen[p.id]), PARTIES)
            ok = false
          else
            seen[p.id] = i
          end
        end
        if not util.is_text(p.party) then
          ctx:fail(at .. "/party", name .. " does not say who the party is", PARTIES)
          ok = false
        end
        if p.type == "external" then external = external + 1
        elseif p.type ~= "internal" then
          ctx:fail(at .. "/type", name .. " is not marked internal or external (found "
            .. util.show(p.type) .. ")", PARTIES)
          ok = false
        end
        if not util.is_text(p.needs) then
          ctx:fail(at .. "/needs", name .. " has no needs or expectations recorded", PARTIES)
          ok = false
        end
        if not util.is_list(p.requirements) then
          ctx:fail(at .. "/requirements", name .. " does not say which of its needs the AIMS "
            .. "takes on as requirements", PARTIES)
          ok = false
        end
        if not util.is_text(p.addressed_through) then
          ctx:fail(at .. "/addressed_through", name .. " does not say how the AIMS addresses "
            .. "its requirements", PARTIES)
          ok = false
        end
        if ok then complete = complete + 1 end
      end
    end
    local min_ext = ctx.params.min_external_parties
    if external < min_ext then
      ctx:fail("/interested_parties", ("%s recorded, %d of them external; at least %d "
        .. "external (affected people, customers, regulators) expected")
        :format(util.plural(#parties, "interested party", "interested parties"), external,
          min_ext), PARTIES)
    end
    -- The parties are reviewed with the context (/context/last_reviewed).
    local due
    local context = doc.context
    if not util.is_object(context) then
      ctx:insufficient("/context/last_reviewed", "no review date for the interested parties: "
        .. "they are reviewed with the context (/context/last_reviewed), which is missing",
        PARTIES_REVIEW)
    else
      due = util.check_review(ctx, context, "the list of interested parties (with the context)",
        { max_cycle = ctx.params.max_review_cycle_months, tasks = PARTIES_REVIEW })
    end
    if complete == #parties and external >= min_ext and due then
      ctx:pass(("%s (%d external) with needs, requirements and how they are met; next review "
        .. "due %s"):format(util.plural(#parties, "interested party", "interested parties"),
        external, due))
    end
  end,
  remediation = {
    { key = PARTIES, owner = "ai-governance",
      title = "Record the interested parties of the AIMS, internal and external, with their "
        .. "needs, the requirements taken on and how the AIMS meets them" },
    { key = PARTIES_REVIEW, owner = "ai-governance",
      title = "Review the interested parties with the context on the stated cycle and record "
        .. "the date" },
  },
}

---------------------------------------------------------------------------------------------------
-- 4.3

local SCOPE = "define-scope"
local SCOPE_APPROVAL = "approve-scope"
local SCOPE_REVIEW = "review-scope"
local SCOPE_SYSTEMS = "scope-ai-systems"

control "4.3" {
  title = "A documented, approved scope for the AIMS",
  description = "The scope of the AI management system is documented: a statement of what it "
    .. "covers, its boundaries and interfaces, and every exclusion with a reason; it is approved, "
    .. "reviewed on its cycle, and every AI system of the inventory is either in scope or "
    .. "explained by an exclusion.",
  citations = { "4.3", "7.5.1" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.1" } },
  params = {
    -- The longest review cycle accepted for the scope, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    local scope = util.require_object(doc, ctx, "/scope", "AIMS scope",
      { SCOPE, SCOPE_APPROVAL, SCOPE_REVIEW })
    if scope == nil then return end
    local ok = true
    local function bad() ok = false end

    if not util.need_text(ctx, scope, "statement", "the AIMS has no scope statement saying which "
        .. "activities, AI systems, units and places it covers", SCOPE) then bad() end
    local b, b_ok = util.need_strings(ctx, scope, "boundaries", "the scope names no "
      .. "organisational units, sites or services inside it (boundaries)", SCOPE)
    if not b_ok then bad() end
    local _, if_ok = util.need_strings(ctx, scope, "interfaces", "the scope does not state its "
      .. "interfaces and dependencies with activities outside it (interfaces)", SCOPE)
    if not if_ok then bad() end

    -- Exclusions, each with a reason; kept as text to match AI systems left out.
    local exclusions_text = {}
    local excl = scope.exclusions
    if util.is_list(excl) then
      for i = 1, #excl do
        local e, at = excl[i], excl:pointer(i)
        if not util.is_object(e) then
          ctx:fail(at, ("exclusion #%d must be an object, found %s"):format(i, util.show(e)),
            SCOPE)
          bad()
        else
          local area = util.is_text(e.area) and e.area or ("exclusion #" .. i)
          if not util.is_text(e.area) then
            ctx:fail(at .. "/area", ("exclusion #%d does not say what is excluded"):format(i),
              SCOPE)
            bad()
          end
          if not util.is_text(e.reason) then
            ctx:fail(at .. "/reason", ("the scope excludes %s without a reason")
              :format(util.quote(area)), SCOPE)
            bad()
          end
          exclusions_text[#exclusions_text + 1] = (util.compact_name(e.area) or "") .. " "
            .. (util.compact_name(e.reason) or "")
        end
      end
    end

    if not util.check_document_ref(ctx, scope, "document", util.document_register(doc), "the scope",
        true, SCOPE) then bad() end
    if not util.need_text(ctx, scope, "approved_by", "nobody is recorded as approving the scope "
        .. "(approved_by)", SCOPE_APPROVAL) then bad() end
    if scope.approved == nil then
      ctx:fail(scope:pointer("approved"), "the scope's approval is not dated (approved)",
        SCOPE_APPROVAL)
      bad()
    end
    local due = util.check_review(ctx, scope, "the AIMS scope",
      { max_cycle = ctx.params.max_review_cycle_months, tasks = SCOPE_REVIEW })
    if not due then bad() end

    -- Every AI system of the inventory is in scope, or left out by a stated exclusion.
    local inv = doc.ai_system_inventory
    local in_scope = 0
    if not util.is_list(inv) then
      ctx:insufficient("/ai_system_inventory", "no AI system inventory at /ai_system_inventory, "
        .. "so the scope cannot be related to the AI systems it should cover", SCOPE_SYSTEMS)
      bad()
    else
      for i = 1, #inv do
        local s, at = inv[i], inv:pointer(i)
        local name = util.label("AI system", s, i)
        if util.is_object(s) then
          if s.in_scope == true then
            in_scope = in_scope + 1
          elseif s.in_scope == false then
            local found = false
            local id, nm = util.compact_name(s.id), util.compact_name(s.name)
            for _, text in ipairs(exclusions_text) do
              if (id and id ~= "" and text:find(id, 1, true))
                  or (nm and nm ~= "" and text:find(nm, 1, true)) then
                found = true
                break
              end
            end
            if not found then
              ctx:fail(at .. "/in_scope", name .. " is outside the AIMS scope but no scope "
                .. "exclusion names it or gives the reason", SCOPE_SYSTEMS)
              bad()
            end
          else
            ctx:fail(at .. "/in_scope", name .. " does not say whether it is in the AIMS scope "
              .. "(in_scope, found " .. util.show(s.in_scope) .. ")", SCOPE_SYSTEMS)
            bad()
          end
        end
      end
      if in_scope == 0 then
        ctx:fail("/ai_system_inventory", "no AI system of the inventory is in the AIMS scope",
          SCOPE_SYSTEMS)
        bad()
      end
    end

    if ok then
      ctx:pass(("scope statement with %s, approved by %s; %d of %d AI systems in scope; next "
        .. "review due %s"):format(util.plural(#b, "boundary", "boundaries"),
        util.quote(scope.approved_by), in_scope, #inv, due))
    end
  end,
  remediation = {
    { key = SCOPE, owner = "ai-governance",
      title = "Document the AIMS scope in a controlled document: statement, boundaries, "
        .. "interfaces and dependencies, and each exclusion with its reason" },
    { key = SCOPE_APPROVAL, owner = "top-management",
      title = "Have top management approve the AIMS scope and record who approved it and when" },
    { key = SCOPE_REVIEW, owner = "ai-governance",
      title = "Review the AIMS scope on its stated cycle and record the date" },
    { key = SCOPE_SYSTEMS, owner = "ai-governance",
      title = "Mark every AI system of the inventory as in or out of scope, and give the "
        .. "reason for each one left out in the scope's exclusions" },
  },
}

---------------------------------------------------------------------------------------------------
-- 4.4

local MANUAL = "document-aims"
local PROCESSES = "define-aims-processes"
local PROCESS_REVIEW = "review-aims-processes"

-- What every process must state, and how a message says it is missing.
local PROCESS_FIELDS = {
  { "purpose", "does not say what it achieves" },
  { "owner", "has no owner" },
}

control "4.4" {
  title = "The AI management system and its processes",
  description = "The AI management system is established and described in a controlled manual, "
    .. "and each of its processes has an owner, a purpose, a procedure, criteria it is run "
    .. "against and a recent review.",
  citations = { "4.4", "8.1", "7.5.1" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { eu_ai_act = { "Art. 17" } },
  params = {
    -- A process must have been reviewed within this many months.
    max_process_review_months = 12,
  },
  check = function(doc, ctx)
    local ms = util.require_object(doc, ctx, "/management_system", "AI management system record",
      { MANUAL, PROCESSES })
    if ms == nil then return end
    local register = util.document_register(doc)
    local ok = true

    if not util.check_document_ref(ctx, ms, "manual", register,
        "the description of the AIMS (manual)", true, MANUAL) then ok = false end
    if ms.established == nil then
      ctx:fail(ms:pointer("established"), "the record does not say when the AIMS was "
        .. "established (established)", MANUAL)
      ok = false
    elseif util.age_in_days(ctx, ms.established, ms:pointer("established"), "established",
        MANUAL) == nil then
      ok = false
    end

    local processes = ms.processes
    local months = ctx.params.max_process_review_months
    local count = 0
    if not util.is_list(processes) then
      ctx:fail(ms:pointer("processes"), "the AIMS lists no processes (management_system/"
        .. "processes): its processes and their interactions are not defined", PROCESSES)
      ok = false
    else
      count = #processes
      local seen = {}
      for i = 1, #processes do
        local p, at = processes[i], processes:pointer(i)
        local name = util.label("process", p, i)
        if not util.is_object(p) then
          ctx:fail(at, name .. " must be an object, found " .. util.show(p), PROCESSES)
          ok = false
        else
          if util.is_text(p.name) then name = name .. " (" .. p.name .. ")" end
          if type(p.id) == "string" then
            if seen[p.id] then
              ctx:fail(at .. "/id", ("%s duplicates the id of process #%d"):format(name,
                seen[p.id]), PROCESSES)
              ok = false
            else
              seen[p.id] = i
            end
          end
          for _, f in ipairs(PROCESS_FIELDS) do
            if not util.need_field(ctx, p, f[1], name, f[2], PROCESSES) then ok = false end
          end
          if not util.is_list(p.criteria) then
            ctx:fail(at .. "/criteria", name .. " states no criteria it is operated and "
              .. "controlled against", PROCESSES)
            ok = false
          end
          if not util.check_document_ref(ctx, p, "document", register, name, true, PROCESSES) then
            ok = false
          end
          if p.last_reviewed == nil then
            ctx:fail(at .. "/last_reviewed", name .. " has no recorded review (last_reviewed)",
              PROCESS_REVIEW)
            ok = false
          elseif not util.check_review(ctx, p, name,
              { cycle = months, tasks = PROCESS_REVIEW }) then
            ok = false
          end
        end
      end
    end
    if ok then
      ctx:pass(("AIMS described in %s; %s with owners, criteria and procedures, each reviewed "
        .. "within %d months"):format(util.quote(ms.manual), util.plural(count, "process",
        "processes"), months))
    end
  end,
  remediation = {
    { key = MANUAL, owner = "ai-governance",
      title = "Describe the AIMS and how its processes interact in a controlled, approved "
        .. "document, and record when the AIMS was established" },
    { key = PROCESSES, owner = "ai-governance",
      title = "Define every AIMS process with an owner, a purpose, a registered procedure and "
        .. "the criteria it is run against" },
    { key = PROCESS_REVIEW, owner = "ai-governance",
      title = "Review each AIMS process at least yearly and record the date" },
  },
}
