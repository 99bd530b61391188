-- Clause 7: support (7.1-7.5.3).
local util = require "util"

---------------------------------------------------------------------------------------------------
-- 7.1

local STAFF = "staff-aims"
local FUND = "budget-aims"
local RESOURCE_REVIEW = "review-resources"

control "7.1" {
  title = "Resources for the AIMS",
  description = "The AI management system has people (by function and FTE), a current approved "
    .. "budget and supporting tools, and their adequacy has been reviewed recently with a "
    .. "recorded conclusion.",
  citations = { "7.1", "5.1" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 2.1" } },
  params = {
    -- The adequacy of resources is reviewed at least this often, in months.
    resource_review_months = 12,
  },
  check = function(doc, ctx)
    local res = util.require_object(doc, ctx, "/resources", "AIMS resources",
      { STAFF, FUND, RESOURCE_REVIEW })
    if res == nil then return end
    local ok = true
    local function bad() ok = false end

    local staff = res.staff
    local fte = 0
    if not util.is_list(staff) then
      ctx:fail(res:pointer("staff"), "no people are assigned to the AIMS (staff)", STAFF)
      bad()
    else
      for i = 1, #staff do
        local s, at = staff[i], staff:pointer(i)
        if not util.is_object(s) then
          ctx:fail(at, ("staff entry #%d must be an object, found %s"):format(i, util.show(s)),
            STAFF)
          bad()
        else
          local name = util.is_text(s["function"]) and ("function " .. util.quote(s["function"]))
            or ("staff entry #" .. i)
          if not util.is_text(s["function"]) then
            ctx:fail(at .. "/function", name .. " does not name the function", STAFF)
            bad()
          end
          if type(s.fte) ~= "number" or s.fte <= 0 then
            ctx:fail(at .. "/fte", ("%s has no positive FTE (found %s)"):format(name,
              util.show(s.fte)), STAFF)
            bad()
          else
            fte = fte + s.fte
          end
        end
      end
    end

    local budget = res.budget
    if not util.is_object(budget) then
      ctx:fail(res:pointer("budget"), "the AIMS has no budget (budget)", FUND)
      bad()
    else
      if type(budget.amount) ~= "number" or budget.amount <= 0 then
        ctx:fail(budget:pointer("amount"), "the AIMS budget has no positive amount (found "
          .. util.show(budget.amount) .. ")", FUND)
        bad()
      end
      if not util.need_text(ctx, budget, "currency", "the AIMS budget has no currency", FUND) then
        bad()
      end
      local period = budget.period
      local year = type(period) == "string" and period:match("^%s*(%d%d%d%d)%s*$")
      if not util.is_text(period) then
        ctx:fail(budget:pointer("period"), "the AIMS budget does not say which period it covers",
          FUND)
        bad()
      elseif year and tonumber(year) < tonumber(ctx.as_of:sub(1, 4)) then
        ctx:fail(budget:pointer("period"), ("the AIMS budget is for %s, which ended before %s; "
          .. "no budget is recorded for the current period"):format(year, ctx.as_of), FUND)
        bad()
      end
      if not util.need_text(ctx, budget, "approved_by", "nobody is recorded as approving the AIMS "
          .. "budget (approved_by)", FUND) then bad() end
      if util.need_date(ctx, budget, "approved", "the AIMS budget", FUND) == nil then bad() end
    end

    if not util.is_list(res.tooling) then
      ctx:fail(res:pointer("tooling"), "no tools supporting the AIMS are recorded (tooling)",
        STAFF)
      bad()
    end

    local due
    if res.last_reviewed == nil then
      ctx:fail(res:pointer("last_reviewed"), "the adequacy of AIMS resources has never been "
        .. "reviewed (last_reviewed)", RESOURCE_REVIEW)
      bad()
    else
      due = util.check_review(ctx, res, "the adequacy of AIMS resources",
        { cycle = ctx.params.resource_review_months, tasks = RESOURCE_REVIEW })
      if not due then bad() end
    end
    if not util.need_text(ctx, res, "adequacy", "the resource review records no conclusion on "
        .. "adequacy (adequacy)", RESOURCE_REVIEW) then bad() end

    if ok then
      ctx:pass(("%s FTE across %s, budget %s %s for %s, adequacy reviewed %s")
        :format(util.nums(fte), util.plural(#staff, "function"), util.nums(budget.amount),
        tostring(budget.currency), tostring(budget.period), res.last_reviewed))
    end
  end,
  remediation = {
    { key = STAFF, owner = "top-management",
      title = "Assign people (by function and FTE) and tools to the AIMS" },
    { key = FUND, owner = "top-management",
      title = "Approve a budget for the AIMS for the current period" },
    { key = RESOURCE_REVIEW, owner = "ai-governance",
      title = "Review the adequacy of AIMS resources at least yearly and record the conclusion" },
  },
}

---------------------------------------------------------------------------------------------------
-- 7.2

local DEFINE = "define-competence"
local TRAIN = "renew-training"
local RECORDS = "keep-competence-records"
local EFFECTIVENESS = "evaluate-training"

-- Checks the competence each role needs; returns the list or nil.
local function check_requirements(ctx, comp, courses)
  local reqs = comp.requirements
  if not util.is_list(reqs) then
    ctx:fail(comp:pointer("requirements"), "the competence each AI role needs is not defined "
      .. "(requirements)", DEFINE)
    return nil, false
  end
  local ok = true
  for i = 1, #reqs do
    local r, at = reqs[i], reqs:pointer(i)
    if not util.is_object(r) then
      ctx:fail(at, ("competence requirement #%d must be an object, found %s")
        :format(i, util.show(r)), DEFINE)
      ok = false
    else
      local name = util.is_text(r.role) and ("role " .. util.quote(r.role))
        or ("competence requirement #" .. i)
      if not util.is_text(r.role) then
        ctx:fail(at .. "/role", name .. " does not name the role", DEFINE)
        ok = false
      end
      if not util.is_list(r.competences) then
        ctx:fail(at .. "/competences", name .. ": the competences it needs are not stated",
          DEFINE)
        ok = false
      end
      local list = r.courses
      if not util.is_list(list) then
        ctx:fail(at .. "/courses", name .. ": no course provides its competences", DEFINE)
        ok = false
      elseif courses then
        for j = 1, #list do
          if not courses[list[j]] then
            ctx:fail(list:pointer(j), ("%s needs course %s, which is not in the course list")
              :format(name, util.show(list[j])), DEFINE)
            ok = false
          end
        end
      end
    end
  end
  return reqs, ok
end

control "7.2" {
  title = "Competence of the people in AI roles",
  description = "The competence each AI role needs is defined with courses that provide it; "
    .. "the records show, for every role, people with passed, unexpired training, no one's "
    .. "training has lapsed without renewal, the completion rate meets its minimum, and the "
    .. "effectiveness of training has been evaluated recently.",
  citations = { "7.2", "7.5.1" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 2.1", "GOVERN 2.2", "GOVERN 3.2" } },
  params = {
    -- The share of people in scope with current required training must be at least this.
    min_training_completion_rate = 0.9,
    -- The completion rate may be at most this many days old.
    completion_rate_max_age_days = 92,
    -- The effectiveness of training is evaluated at least this often, in months.
    effectiveness_review_months = 12,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local comp = util.require_object(doc, ctx, "/competence", "competence record",
      { DEFINE, TRAIN, RECORDS, EFFECTIVENESS })
    if comp == nil then return end
    local ok = true
    local function bad() ok = false end
    local today = util.today(ctx)

    -- Courses, by id, with how long a completion stays valid.
    local courses
    local clist = comp.courses
    if not util.is_list(clist) then
      ctx:fail(comp:pointer("courses"), "no training courses are defined (courses)", DEFINE)
      bad()
    else
      courses = {}
      for i = 1, #clist do
        local c, at = clist[i], clist:pointer(i)
        if not util.is_object(c) or not util.is_text(c.id) then
          ctx:fail(at, ("course #%d has no id"):format(i), DEFINE)
          bad()
        elseif courses[c.id] then
          ctx:fail(at .. "/id", ("course %s is defined twice"):format(util.quote(c.id)), DEFINE)
          bad()
        else
          local refresh, problem, months = util.cycle_months(c.refresh_months)
          if problem == "malformed" then
            ctx:fail(at .. "/refresh_months", ("course %s: refresh_months must be a whole number "
              .. "of months, found %s"):format(util.quote(c.id), util.show(c.refresh_months)),
              DEFINE)
            bad()
          elseif problem == "implausible" then
            ctx:fail(at .. "/refresh_months", ("course %s: %s"):format(util.quote(c.id),
              util.implausible_months("a refresh cycle", months)), DEFINE)
            bad()
          end
          courses[c.id] = { refresh = refresh or false }
        end
      end
    end
    local reqs, reqs_ok = check_requirements(ctx, comp, courses)
    if not reqs_ok then bad() end

    -- Records: each consistent; the newest passed expiry per person and course.
    local records = comp.records
    local valid_until = {}   -- person .. "\0" .. course -> latest expiry day of a passed record
    local expiry = {}        -- record index -> its expiry day (stated, or by the refresh period)
    local current_by_role = {}  -- normalised role -> { course -> true } with current training
    if not util.is_list(records) then
      ctx:fail(comp:pointer("records"), "there are no training or competence records kept as "
        .. "evidence of competence (records)", RECORDS)
      bad()
      records = nil
    else
      for i = 1, #records do
        local r, at = records[i], records:pointer(i)
        local name = ("training record #%d"):format(i)
        if not util.is_object(r) then
          ctx:fail(at, name .. " must be an object, found " .. util.show(r), RECORDS)
          bad()
        else
          if util.is_text(r.person) and util.is_text(r.course) then
            name = ("the %s record of %s"):format(util.quote(r.course), util.quote(r.person))
          end
          local complete = true
          for _, f in ipairs({ "person", "role", "course" }) do
            if not util.is_text(r[f]) then
              ctx:fail(at .. "/" .. f, ("%s does not name the %s"):format(name, f), RECORDS)
              complete = false
            end
          end
          local _, age = util.need_date(ctx, r, "completed", name, RECORDS)
          if age == nil then complete = false end
          local expires = r.expires
          local exp_day = util.day(expires)
          local course = util.is_text(r.course) and courses and courses[r.course]
          if expires ~= nil and not exp_day then
            ctx:fail(at .. "/expires", ("%s: expires %s is not a date"):format(name,
              util.show(expires)), RECORDS)
            complete = false
          elseif age and course and course.refresh then
            local limit = util.add_months(r.completed, course.refresh)
            if not exp_day then
              exp_day = dates.day(limit)  -- the course's refresh period sets the expiry
            elseif exp_day > dates.day(limit) then
              ctx:fail(at .. "/expires", ("%s expires %s, later than the course's %d-month "
                .. "refresh period allows (%s)"):format(name, expires, course.refresh, limit),
                RECORDS)
              complete = false
            end
          end
          if r.result == nil then
            ctx:fail(at .. "/result", name .. " records no result", RECORDS)
            complete = false
          end
          if not complete then
            bad()
          elseif r.result == "passed" then
            local key = r.person .. "\0" .. r.course
            local best = valid_until[key]
            local until_day = exp_day or math.huge
            expiry[i] = until_day
            if best == nil or until_day > best then valid_until[key] = until_day end
            if until_day >= today then
              local role = util.compact_name(r.role)
              local set = current_by_role[role]
              if set == nil then set = {}; current_by_role[role] = set end
              set[r.course] = true
            end
          end
        end
      end
      -- Lapsed training: a passed record past its expiry with no newer one for the same course.
      for i = 1, #records do
        local r = records[i]
        if expiry[i] then
          local best = valid_until[r.person .. "\0" .. r.course]
          if best < today and expiry[i] == best then
            ctx:fail(records:pointer(i) .. "/expires", ("the %s training of %s (%s), completed "
              .. "%s, %s %d days before %s and has not been renewed"):format(r.course,
              util.quote(r.person), tostring(r.role), r.completed, r.expires
              and ("expired " .. r.expires .. ",") or "lapsed with the course's refresh period",
              today - best, ctx.as_of), TRAIN)
            bad()
            valid_until[r.person .. "\0" .. r.course] = math.huge  -- report each lapse once
          end
        end
      end
    end

    -- Every role that needs competence has people with current training for it.
    if reqs and records then
      for i = 1, #reqs do
        local r = reqs[i]
        if util.is_object(r) and util.is_text(r.role) and util.is_list(r.courses) then
          local held = current_by_role[util.compact_name(r.role)]
          local any = false
          if held then
            for j = 1, #r.courses do
              if held[r.courses[j]] then any = true; break end
            end
          end
          if not any then
            local names = {}
            for j = 1, #r.courses do
              local c = r.courses[j]
              names[j] = type(c) == "string" and c or util.show(c)
            end
            ctx:fail(reqs:pointer(i), ("no one in role %s has current, passed training in any of "
              .. "its courses (%s)"):format(util.quote(r.role), table.concat(names, ", ")), TRAIN)
            bad()
          end
        end
      end
    end

    -- Completion rate and the evaluation of effectiveness.
    local rate = comp.completion_rate
    if type(rate) ~= "number" or rate < 0 or rate > 1 then
      ctx:fail(comp:pointer("completion_rate"), ("the share of people with current required "
        .. "training is not recorded as a number from 0 to 1 (completion_rate, found %s)")
        :format(util.show(rate)), TRAIN)
      bad()
    else
      if rate < p.min_training_completion_rate then
        local a, b = util.nums(rate, p.min_training_completion_rate)
        ctx:fail(comp:pointer("completion_rate"), ("%s of people in scope have current required "
          .. "training; at least %s is required"):format(a, b), TRAIN)
        bad()
      end
      local _, age = util.need_date(ctx, comp, "measured", "the completion rate", TRAIN)
      if age == nil or util.too_old(ctx, age, p.completion_rate_max_age_days,
          comp:pointer("measured"), "the completion rate was measured", comp.measured, TRAIN) then
        bad()
      end
    end
    local eff = comp.effectiveness_evaluated
    if eff == nil then
      ctx:fail(comp:pointer("effectiveness_evaluated"), "the effectiveness of training has "
        .. "never been evaluated (effectiveness_evaluated)", EFFECTIVENESS)
      bad()
    else
      local age = util.age_in_days(ctx, eff, comp:pointer("effectiveness_evaluated"),
        "effectiveness_evaluated", EFFECTIVENESS)
      local by = age and util.add_months(eff, p.effectiveness_review_months)
      if age == nil then
        bad()
      elseif dates.day(by) < today then
        ctx:fail(comp:pointer("effectiveness_evaluated"), ("the effectiveness of training was "
          .. "last evaluated %s; it was due again by %s (every %d months)"):format(eff, by,
          p.effectiveness_review_months), EFFECTIVENESS)
        bad()
      end
    end

    if ok then
      local r, m = util.nums(rate, p.min_training_completion_rate)
      ctx:pass(("%s defined, each with people in current training; %s, none lapsed; completion "
        .. "%s (minimum %s); effectiveness evaluated %s"):format(util.plural(#reqs, "role"),
        util.plural(#records, "training record"), r, m, eff))
    end
  end,
  remediation = {
    { key = DEFINE, owner = "hr",
      title = "Define the competence each AI role needs and the courses that provide it" },
    { key = TRAIN, owner = "hr",
      title = "Renew lapsed training and bring every AI role's current training up to the "
        .. "required completion rate" },
    { key = RECORDS, owner = "hr",
      title = "Keep a complete record of each person's training: person, role, course, "
        .. "completion, result and expiry consistent with the course's refresh period" },
    { key = EFFECTIVENESS, owner = "hr",
      title = "Evaluate the effectiveness of training at least yearly and record the date" },
  },
}

---------------------------------------------------------------------------------------------------
-- 7.3

local PROGRAMME = "define-awareness-programme"
local ACTIVITY = "run-awareness-activities"

-- What people must be made aware of, and how a message names it.
local AWARE_OF = {
  { "ai_policy", "the AI policy" },
  { "contribution", "their contribution to the AIMS" },
  { "nonconformity_implications", "the implications of not conforming" },
}

control "7.3" {
  title = "Awareness of the AI policy and of each person's part",
  description = "An awareness programme makes the people in scope aware of the AI policy, of "
    .. "their contribution and of what not conforming means; it runs at a planned frequency, "
    .. "the latest activity is within it and reached enough of its audience.",
  citations = { "7.3", "5.2" },
  applies_to = { "organization" },
  severity = "low",
  crosswalk = { nist_ai_rmf = { "GOVERN 2.1" } },
  params = {
    -- The latest awareness activity must have reached at least this share of its audience.
    min_participation_rate = 0.8,
    -- Days of grace on the programme's planned frequency.
    awareness_grace_days = 31,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local aw = util.require_object(doc, ctx, "/awareness", "awareness programme",
      { PROGRAMME, ACTIVITY })
    if aw == nil then return end
    local ok = true
    local function bad() ok = false end

    if not util.need_text(ctx, aw, "programme", "the awareness programme is not named or described",
        PROGRAMME) then bad() end
    local covers = aw.covers
    if not util.is_object(covers) then
      ctx:fail(aw:pointer("covers"), "the record does not show what the programme makes people "
        .. "aware of (covers)", PROGRAMME)
      bad()
    else
      for _, c in ipairs(AWARE_OF) do
        if covers[c[1]] ~= true then
          ctx:fail(covers:pointer(c[1]), ("the awareness programme does not cover %s (%s is %s)")
            :format(c[2], c[1], util.show(covers[c[1]])), PROGRAMME)
          bad()
        end
      end
    end
    if not util.is_list(aw.audiences) then
      ctx:fail(aw:pointer("audiences"), "the awareness programme names no audiences", PROGRAMME)
      bad()
    end
    local freq = aw.frequency
    if util.frequency_days(freq) == nil then
      ctx:fail(aw:pointer("frequency"), ("the awareness programme must run at a planned "
        .. "frequency, found %s"):format(util.show(freq)), PROGRAMME)
      bad()
      freq = nil
    end

    local acts = aw.activities
    local latest, latest_day
    if not util.is_list(acts) then
      ctx:fail(aw:pointer("activities"), "no awareness activities are recorded (activities)",
        ACTIVITY)
      bad()
    else
      for i = 1, #acts do
        local a, at = acts[i], acts:pointer(i)
        local name = util.label("awareness activity", a, i)
        if not util.is_object(a) then
          ctx:fail(at, name .. " must be an object, found " .. util.show(a), ACTIVITY)
          bad()
        else
          if not util.is_text(a.audience) then
            ctx:fail(at .. "/audience", name .. " does not say who took part", ACTIVITY)
            bad()
          end
          local rate = a.participation_rate
          if rate ~= nil and (type(rate) ~= "number" or rate < 0 or rate > 1) then
            ctx:fail(at .. "/participation_rate", ("%s: participation_rate must be a share from 0 "
              .. "to 1, found %s"):format(name, util.show(rate)), ACTIVITY)
            bad()
          end
          if util.need_date(ctx, a, "date", name, ACTIVITY) == nil then
            bad()
          else
            local d = dates.day(a.date)
            if latest_day == nil or d >= latest_day then latest, latest_day = i, d end
          end
        end
      end
    end
    if latest then
      local a, at = acts[latest], acts:pointer(latest)
      local name = util.label("awareness activity", a, latest)
      if freq and not util.check_recurrence(ctx, a, "date", freq, p.awareness_grace_days,
          "the latest awareness activity, " .. name:gsub("^awareness activity ", "") .. ",",
          ACTIVITY) then
        bad()
      end
      local rate = a.participation_rate
      if type(rate) ~= "number" then
        ctx:fail(at .. "/participation_rate", name .. ", the latest activity, records no "
          .. "participation rate", ACTIVITY)
        bad()
      elseif rate < p.min_participation_rate then
        local r, m = util.nums(rate, p.min_participation_rate)
        ctx:fail(at .. "/participation_rate", ("%s, the latest activity, reached %s of its "
          .. "audience; at least %s is required"):format(name, r, m), ACTIVITY)
        bad()
      end
    end

    if ok then
      local a = acts[latest]
      ctx:pass(("programme covers the AI policy, contribution and nonconformity; runs %s; latest "
        .. "activity %s reached %s"):format(freq, a.date, util.nums(a.participation_rate)))
    end
  end,
  remediation = {
    { key = PROGRAMME, owner = "hr",
      title = "Run an awareness programme at a planned frequency covering the AI policy, each "
        .. "person's contribution and the implications of not conforming" },
    { key = ACTIVITY, owner = "hr",
      title = "Hold awareness activities on schedule, record their date, audience and "
        .. "participation, and follow up until participation meets the minimum" },
  },
}

---------------------------------------------------------------------------------------------------
-- 7.4

local COMMS_PLAN = "plan-communication"
local COMMS_DONE = "communicate-on-schedule"

-- What every planned communication must state, and how a message says it is missing.
local COMMS_FIELDS = {
  { "topic", "does not say what is communicated (topic)" },
  { "audience", "does not say with whom (audience)" },
  { "channel", "does not say how (channel)" },
  { "responsible", "does not say who communicates it (responsible)" },
}

control "7.4" {
  title = "Planned internal and external communication",
  description = "A reviewed communication plan says, for each communication about the AIMS, "
    .. "what is communicated, to whom, how often, how and by whom; it covers internal and "
    .. "external audiences, and each regular communication took place on schedule.",
  citations = { "7.4" },
  applies_to = { "organization" },
  severity = "low",
  crosswalk = { nist_ai_rmf = { "GOVERN 2.1" } },
  params = {
    -- Days of grace on each communication's planned frequency.
    communication_grace_days = 14,
    -- The plan is reviewed at least this often, in months.
    plan_review_months = 12,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local comm = util.require_object(doc, ctx, "/communication", "communication plan",
      { COMMS_PLAN, COMMS_DONE })
    if comm == nil then return end
    local plan = util.require_list(doc, ctx, "/communication/plan", "planned communications",
      { COMMS_PLAN, COMMS_DONE })
    local ok = plan ~= nil
    local function bad() ok = false end

    if not util.check_document_ref(ctx, comm, "document", util.document_register(doc),
        "the communication plan", false, COMMS_PLAN) then bad() end
    if comm.last_reviewed == nil then
      ctx:fail(comm:pointer("last_reviewed"), "the communication plan has no recorded review "
        .. "(last_reviewed)", COMMS_PLAN)
      bad()
    elseif not util.check_review(ctx, comm, "the communication plan",
        { cycle = p.plan_review_months, tasks = COMMS_PLAN }) then
      bad()
    end
    if plan == nil then return end

    local directions = {}
    for i = 1, #plan do
      local c, at = plan[i], plan:pointer(i)
      if not util.is_object(c) then
        ctx:fail(at, ("planned communication #%d must be an object, found %s")
          :format(i, util.show(c)), COMMS_PLAN)
        bad()
      else
        local name = util.is_text(c.topic) and ("communication " .. util.quote(c.topic))
          or ("planned communication #" .. i)
        for _, f in ipairs(COMMS_FIELDS) do
          if not util.need_field(ctx, c, f[1], name, f[2], COMMS_PLAN) then bad() end
        end
        if c.direction == "internal" or c.direction == "external" then
          directions[c.direction] = true
        else
          ctx:fail(at .. "/direction", ("%s is not marked internal or external (found %s)")
            :format(name, util.show(c.direction)), COMMS_PLAN)
          bad()
        end
        local f = c.frequency
        if f == nil then
          ctx:fail(at .. "/frequency", name .. " does not say when it is communicated "
            .. "(frequency)", COMMS_PLAN)
          bad()
        elseif util.frequency_days(f) or f == "ad_hoc" then
          if not util.check_recurrence(ctx, c, "last_done", f, p.communication_grace_days, name,
              COMMS_DONE) then bad() end
        end
      end
    end
    for _, d in ipairs({ "internal", "external" }) do
      if not directions[d] then
        ctx:fail("/communication/plan", ("the communication plan has no %s communication")
          :format(d), COMMS_PLAN)
        bad()
      end
    end

    if ok then
      ctx:pass(("%s, internal and external, each with audience, frequency, channel and "
        .. "responsible, all on schedule; plan reviewed %s"):format(util.plural(#plan,
        "planned communication"), comm.last_reviewed))
    end
  end,
  remediation = {
    { key = COMMS_PLAN, owner = "ai-governance",
      title = "Plan internal and external communication about the AIMS: what, to whom, how "
        .. "often, how and by whom, and review the plan yearly" },
    { key = COMMS_DONE, owner = "ai-governance",
      title = "Carry out each planned communication on schedule and record when it took place" },
  },
}

---------------------------------------------------------------------------------------------------
-- 7.5.1

-- The clause requirements that themselves call for documented information to be kept or
-- available (scope, policy, risk assessment and treatment processes and results, impact
-- assessment results, objectives, evidence of competence, operational control, monitoring
-- results, the audit programme and results, management review results, nonconformities).
local DOCUMENTED_CLAUSES = {
  "4.3", "5.2", "6.1.2", "6.1.3", "6.1.4", "6.2", "7.2",
  "8.1", "8.2", "8.3", "8.4", "9.1", "9.2.2", "9.3.3", "10.2",
}

local DOCUMENT_CLAUSES = "document-required-information"
local DOCUMENT_CONTROLS = "document-annex-a-controls"
local SUPPORTS = "correct-document-references"

control "7.5.1" {
  title = "The documented information the AIMS needs",
  description = "Every clause requirement that calls for documented information, and every "
    .. "Annex A control the SoA includes, is supported by an approved controlled document, and "
    .. "each document cites only identifiers that exist.",
  citations = { "7.5.1", "6.1.3" },
  applies_to = { "organization" },
  severity = "medium",
  check = function(doc, ctx)
    local docs = util.require_list(doc, ctx, "/documented_information/documents",
      "register of controlled documents", { DOCUMENT_CLAUSES, DOCUMENT_CONTROLS })
    if docs == nil then return end
    local ok = true
    local supported = {}  -- ISO id -> true when an approved document supports it
    for i = 1, #docs do
      local d = docs[i]
      if util.is_object(d) then
        local name = util.label("document", d, i)
        local list = d.supports
        if util.is_list(list) then
          for j = 1, #list do
            local id = list[j]
            if not util.is_iso_id(id) then
              ctx:fail(list:pointer(j), ("%s says it documents %s, which is not an ISO/IEC 42001 "
                .. "clause requirement or Annex A control"):format(name, util.show(id)), SUPPORTS)
              ok = false
            elseif d.status == "approved" then
              supported[id] = true
            end
          end
        end
      end
    end

    local missing = 0
    for _, id in ipairs(DOCUMENTED_CLAUSES) do
      if not supported[id] then
        ctx:fail("/documented_information/documents", ("no approved controlled document "
          .. "supports %s, which calls for documented information"):format(id), DOCUMENT_CLAUSES)
        missing = missing + 1
        ok = false
      end
    end

    local included = 0
    local controls = doc:get("/statement_of_applicability/controls")
    if util.is_list(controls) then
      for i = 1, #controls do
        local c = controls[i]
        if util.is_object(c) and c.status == "included" and util.is_annex_a(c.control) then
          included = included + 1
          if not supported[c.control] then
            ctx:fail(controls:pointer(i), ("%s is included in the Statement of Applicability but "
              .. "no approved controlled document supports it"):format(c.control),
              DOCUMENT_CONTROLS)
            ok = false
          end
        end
      end
    else
      ctx:insufficient("/statement_of_applicability/controls", "no Statement of Applicability, "
        .. "so the Annex A controls that need documenting cannot be told", DOCUMENT_CONTROLS)
      ok = false
    end

    if ok then
      ctx:pass(("%s: all %d clause requirements that call for documented information and all "
        .. "%d included Annex A controls are supported by approved documents")
        :format(util.plural(#docs, "controlled document"), #DOCUMENTED_CLAUSES, included))
    end
  end,
  remediation = {
    { key = DOCUMENT_CLAUSES, owner = "ai-governance",
      title = "Keep an approved controlled document for each clause requirement that calls for "
        .. "documented information, and record what it supports" },
    { key = DOCUMENT_CONTROLS, owner = "ai-governance",
      title = "Document how each Annex A control included in the SoA is implemented, in an "
        .. "approved controlled document" },
    { key = SUPPORTS, owner = "ai-governance",
      title = "Cite only existing ISO/IEC 42001 identifiers in the documents' supports lists" },
  },
}

---------------------------------------------------------------------------------------------------
-- 7.5.2

local IDENTIFY = "identify-documents"
local APPROVE = "approve-documents"
local REVIEW_DOCS = "review-documents"

-- What every controlled document must state, and how a message says it is missing.
local DOCUMENT_FIELDS = {
  { "title", "has no title" }, { "version", "has no version" }, { "owner", "has no owner" },
}

control "7.5.2" {
  title = "Documents identified, approved and kept up to date",
  description = "Every controlled document has a unique id, a title, a version, a status and an "
    .. "owner; each one in force was approved by someone other than its owner, and is reviewed "
    .. "within its stated cycle.",
  citations = { "7.5.2", "7.5.1" },
  applies_to = { "organization" },
  severity = "medium",
  params = {
    -- The longest review cycle accepted for a controlled document, in months.
    max_review_cycle_months = 24,
  },
  check = function(doc, ctx)
    local docs = util.require_list(doc, ctx, "/documented_information/documents",
      "register of controlled documents", { IDENTIFY, APPROVE, REVIEW_DOCS })
    if docs == nil then return end
    local max_cycle = ctx.params.max_review_cycle_months
    local seen, good, in_force = {}, 0, 0
    for i = 1, #docs do
      local d, at = docs[i], docs:pointer(i)
      local name = util.label("document", d, i)
      if not util.is_object(d) then
        ctx:fail(at, name .. " must be an object, found " .. util.show(d), IDENTIFY)
      else
        local ok = true
        if not util.is_text(d.id) then
          ctx:fail(at .. "/id", name .. " has no id", IDENTIFY)
          ok = false
        elseif seen[d.id] then
          ctx:fail(at .. "/id", ("%s duplicates the id of document #%d"):format(name, seen[d.id]),
            IDENTIFY)
          ok = false
        else
          seen[d.id] = i
        end
        for _, f in ipairs(DOCUMENT_FIELDS) do
          if not util.need_field(ctx, d, f[1], name, f[2], IDENTIFY) then ok = false end
        end
        local status = d.status
        if status == nil then
          ctx:fail(at .. "/status", name .. " has no status (draft, approved, superseded, "
            .. "withdrawn)", IDENTIFY)
          ok = false
        elseif status == "approved" then
          in_force = in_force + 1
          if util.need_field(ctx, d, "approved_by", name, "is marked approved but nobody is "
              .. "recorded as approving it (approved_by)", APPROVE) then
            if d.external_origin ~= true and util.is_text(d.owner)
                and util.same_compact(d.owner, d.approved_by) then
              ctx:fail(at .. "/approved_by", ("%s was approved by its own owner %s; approval must "
                .. "come from someone else"):format(name, util.quote(d.owner)), APPROVE)
              ok = false
            end
          else
            ok = false
          end
          if d.approved == nil then
            ctx:fail(at .. "/approved", name .. " is marked approved but the approval is not "
              .. "dated (approved)", APPROVE)
            ok = false
          end
          if not util.check_review(ctx, d, name,
              { max_cycle = max_cycle, tasks = REVIEW_DOCS }) then
            ok = false
          end
        end
        if ok then good = good + 1 end
      end
    end
    if good == #docs then
      ctx:pass(("%s identified with version, status and owner; %d in force, each approved by "
        .. "someone other than its owner and reviewed within its cycle")
        :format(util.plural(#docs, "controlled document"), in_force))
    end
  end,
  remediation = {
    { key = IDENTIFY, owner = "ai-governance",
      title = "Give every controlled document a unique id, a title, a version, a status and an "
        .. "owner" },
    { key = APPROVE, owner = "ai-governance",
      title = "Have each document in force approved by someone other than its owner, and record "
        .. "who approved it and when" },
    { key = REVIEW_DOCS, owner = "ai-governance",
      title = "Review each controlled document within its stated cycle (at most 24 months) and "
        .. "record the date" },
  },
}

---------------------------------------------------------------------------------------------------
-- 7.5.3

local CONTROL_DOCS = "control-documents"
local RETAIN = "retain-documents"

control "7.5.3" {
  title = "Control of documented information",
  description = "Documented information is kept in a known repository under version control "
    .. "and access control, and every controlled document has a location, a classification and "
    .. "a retention period of at least the minimum.",
  citations = { "7.5.3", "7.5.1" },
  applies_to = { "organization" },
  severity = "medium",
  params = {
    -- Documented information is kept at least this many years (a certification cycle).
    min_retention_years = 3,
  },
  check = function(doc, ctx)
    local min = ctx.params.min_retention_years
    local di = util.require_object(doc, ctx, "/documented_information",
      "control of documented information", { CONTROL_DOCS, RETAIN })
    if di == nil then return end
    local ok = true
    local function bad() ok = false end

    if not util.need_text(ctx, di, "repository", "the record does not say where documented "
        .. "information is kept (repository)", CONTROL_DOCS) then bad() end
    if di.version_control ~= true then
      ctx:fail(di:pointer("version_control"), "documented information is not version controlled "
        .. "(version_control is " .. util.show(di.version_control) .. ")", CONTROL_DOCS)
      bad()
    end
    if not util.need_text(ctx, di, "access_control", "the record does not say how access to "
        .. "documented information is controlled and documents protected (access_control)",
        CONTROL_DOCS) then bad() end
    local default = di.retention_years
    if default ~= nil and (not util.is_integer(default) or default < min) then
      ctx:fail(di:pointer("retention_years"), ("the default retention of documented information "
        .. "is %s years; at least %d are required"):format(util.show(default), min), RETAIN)
      bad()
      default = nil
    end

    local docs = util.require_list(doc, ctx, "/documented_information/documents",
      "register of controlled documents", { CONTROL_DOCS, RETAIN })
    if docs == nil then return end
    for i = 1, #docs do
      local d, at = docs[i], docs:pointer(i)
      if util.is_object(d) and d.status ~= "withdrawn" then
        local name = util.label("document", d, i)
        if not util.need_text(ctx, d, "location", name .. " does not say where it is kept "
            .. "(location)", CONTROL_DOCS) then bad() end
        if not util.need_text(ctx, d, "classification", name .. " has no confidentiality "
            .. "classification", CONTROL_DOCS) then bad() end
        local years = d.retention_years
        if years == nil then
          if default == nil then
            ctx:fail(at .. "/retention_years", ("%s has no retention period, and no default is "
              .. "set (/documented_information/retention_years)"):format(name), RETAIN)
            bad()
          end
        elseif not util.is_integer(years) or years < min then
          ctx:fail(at .. "/retention_years", ("%s is kept %s years; at least %d are required")
            :format(name, util.show(years), min), RETAIN)
          bad()
        end
      end
    end

    if ok then
      ctx:pass(("repository %s under version and access control; %s located, classified and "
        .. "kept at least %d years"):format(util.quote(di.repository),
        util.plural(#docs, "document"), min))
    end
  end,
  remediation = {
    { key = CONTROL_DOCS, owner = "ai-governance",
      title = "Keep documented information in a known repository under version and access "
        .. "control, with a location and classification for every document" },
    { key = RETAIN, owner = "ai-governance",
      title = "Set a retention period of at least the minimum for documented information and "
        .. "each controlled document" },
  },
}
