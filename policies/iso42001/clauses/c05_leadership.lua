-- Clause 5: leadership (5.1-5.3).
local util = require "util"

-- Fails at `at` unless `name` is one of top management (or the governing body) in `top`.
-- `top` nil means the record names no top management; that was reported once already.
local function by_top(ctx, top, name, at, what, tasks)
  if top == nil or type(name) ~= "string" then return top ~= nil end
  if top[util.compact_name(name)] then return true end
  ctx:fail(at, ("%s is %s, who is not top management or the governing body (/leadership: "
    .. "top_management, accountable_executive, board_reporting.body)"):format(what,
    util.quote(name)), tasks)
  return false
end

---------------------------------------------------------------------------------------------------
-- 5.1

local TOP = "name-top-management"
local COMMIT = "sign-commitment"
local BOARD = "report-to-board"
local POLICY_BY_TOP = "policy-by-top-management"
local BUDGET = "fund-aims"
local REVIEW_ATTENDANCE = "attend-management-review"

control "5.1" {
  title = "Top management leads and commits to the AIMS",
  description = "Top management is named, has signed a recent statement of commitment, built "
    .. "the AIMS into business processes, approved the AI policy and a current AIMS budget, "
    .. "reports to the governing body at its planned frequency and takes part in management "
    .. "reviews.",
  citations = { "5.1", "5.2", "7.1", "9.3.1" },
  applies_to = { "organization" },
  severity = "high",
  params = {
    -- The signed commitment statement may be at most this many days old (a certification cycle).
    commitment_max_age_days = 1096,
    -- Days of grace on the planned frequency of reporting to the governing body.
    reporting_grace_days = 31,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local lead = util.require_object(doc, ctx, "/leadership", "record of leadership and "
      .. "commitment", { TOP, COMMIT, BOARD })
    if lead == nil then return end
    local ok = true
    local function bad() ok = false end

    local top = util.top_authorities(doc)
    if not util.is_list(lead.top_management) then
      ctx:fail(lead:pointer("top_management"), "the record does not say who top management is "
        .. "(top_management)", TOP)
      bad()
    end
    if not util.need_text(ctx, lead, "accountable_executive", "no executive is named as "
        .. "accountable for the AIMS (accountable_executive)", TOP) then bad() end

    -- The signed statement of commitment: an attestation by top management, kept recent.
    local stmt = lead.commitment_statement
    local signed_age
    if not util.is_object(stmt) then
      ctx:fail(lead:pointer("commitment_statement"), "top management has not signed a statement "
        .. "of commitment to the AIMS (commitment_statement)", COMMIT)
      bad()
    else
      if not util.check_document_ref(ctx, stmt, "document", util.document_register(doc),
          "the commitment statement", true, COMMIT) then bad() end
      if util.need_text(ctx, stmt, "signed_by", "the commitment statement is not signed "
          .. "(signed_by)", COMMIT) then
        if not by_top(ctx, top, stmt.signed_by, stmt:pointer("signed_by"),
            "the commitment statement's signatory", COMMIT) then bad() end
      else
        bad()
      end
      local _
      _, signed_age = util.need_date(ctx, stmt, "signed", "the commitment statement", COMMIT)
      if signed_age == nil then
        bad()
      elseif signed_age > p.commitment_max_age_days then
        ctx:fail(stmt:pointer("signed"), ("the commitment statement was signed %s, %d days "
          .. "before %s; it must be reaffirmed at least every %d days")
          :format(stmt.signed, signed_age, ctx.as_of, p.commitment_max_age_days), COMMIT)
        bad()
      end
    end

    if not util.is_list(lead.integration) then
      ctx:fail(lead:pointer("integration"), "the record does not show how AIMS requirements are "
        .. "built into business processes (integration)", COMMIT)
      bad()
    end

    -- Regular reporting to the governing body.
    local board = lead.board_reporting
    if not util.is_object(board) then
      ctx:fail(lead:pointer("board_reporting"), "the AIMS is not reported to a governing body "
        .. "at planned intervals (board_reporting)", BOARD)
      bad()
    else
      if not util.need_text(ctx, board, "body", "the body the AIMS is reported to is not named",
          BOARD) then bad() end
      local f = board.frequency
      if util.frequency_days(f) == nil then
        ctx:fail(board:pointer("frequency"), ("reporting to the governing body must be at "
          .. "planned intervals; its frequency is %s"):format(util.show(f)), BOARD)
        bad()
      elseif not util.check_recurrence(ctx, board, "last_reported", f, p.reporting_grace_days,
          "reporting to the governing body", BOARD) then
        bad()
      end
    end

    -- Top management establishes the AI policy and provides the resources.
    local policy = doc.ai_policy
    if not util.is_object(policy) then
      ctx:fail("/ai_policy", "there is no AI policy established by top management (/ai_policy)",
        POLICY_BY_TOP)
      bad()
    elseif not util.is_text(policy.approved_by) then
      ctx:fail(policy:pointer("approved_by"), "nobody is recorded as approving the AI policy "
        .. "(approved_by)", POLICY_BY_TOP)
      bad()
    elseif not by_top(ctx, top, policy.approved_by, policy:pointer("approved_by"),
        "the AI policy's approver", POLICY_BY_TOP) then
      bad()
    end

    local budget = doc:get("/resources/budget")
    if not util.is_object(budget) then
      ctx:fail("/resources/budget", "there is no AIMS budget approved by top management "
        .. "(/resources/budget)", BUDGET)
      bad()
    else
      if type(budget.amount) ~= "number" or budget.amount <= 0 then
        ctx:fail(budget:pointer("amount"), "the AIMS budget has no positive amount (found "
          .. util.show(budget.amount) .. ")", BUDGET)
        bad()
      end
      if not util.is_text(budget.approved_by) then
        ctx:fail(budget:pointer("approved_by"), "nobody is recorded as approving the AIMS budget "
          .. "(approved_by)", BUDGET)
        bad()
      elseif not by_top(ctx, top, budget.approved_by, budget:pointer("approved_by"),
          "the AIMS budget's approver", BUDGET) then
        bad()
      end
      local period = budget.period
      local year = type(period) == "string" and period:match("^%s*(%d%d%d%d)%s*$")
      if year and tonumber(year) < tonumber(ctx.as_of:sub(1, 4)) then
        ctx:fail(budget:pointer("period"), ("the AIMS budget is for %s, which ended before %s")
          :format(year, ctx.as_of), BUDGET)
        bad()
      end
    end

    -- Top management takes part in the latest management review.
    local reviews = doc:get("/management_review/reviews")
    if not util.is_list(reviews) then
      ctx:fail("/management_review/reviews", "no management review is recorded, so top "
        .. "management's part in reviewing the AIMS cannot be seen", REVIEW_ATTENDANCE)
      bad()
    else
      local latest, latest_day
      for i = 1, #reviews do
        local r = reviews[i]
        local d = util.is_object(r) and util.day(r.date)
        if d and d <= util.today(ctx) and (latest_day == nil or d >= latest_day) then
          latest, latest_day = i, d
        end
      end
      if latest == nil then
        ctx:fail("/management_review/reviews", "no management review has a date on or before "
          .. ctx.as_of, REVIEW_ATTENDANCE)
        bad()
      else
        local r = reviews[latest]
        if r.top_management_present ~= true then
          ctx:fail(reviews:pointer(latest) .. "/top_management_present", ("top management did "
            .. "not take part in the latest management review %s of %s (top_management_present "
            .. "is %s)"):format(util.label("", r, latest):sub(2), r.date,
            util.show(r.top_management_present)), REVIEW_ATTENDANCE)
          bad()
        end
      end
    end

    if ok then
      ctx:pass(("commitment signed by %s %s (%d days ago); AI policy and budget approved by top "
        .. "management; reported %s to %s; top management at the latest review")
        :format(util.quote(stmt.signed_by), stmt.signed, signed_age, board.frequency,
        util.quote(board.body)))
    end
  end,
  remediation = {
    { key = TOP, owner = "top-management",
      title = "Name the top management of the AIMS and the executive accountable for it" },
    { key = COMMIT, owner = "top-management",
      title = "Have top management sign (and periodically reaffirm) a controlled statement of "
        .. "commitment to the AIMS, and record how AIMS requirements are built into business "
        .. "processes" },
    { key = BOARD, owner = "top-management",
      title = "Report on the AIMS to the governing body at a planned frequency and record the "
        .. "latest report" },
    { key = POLICY_BY_TOP, owner = "top-management",
      title = "Have top management or the governing body approve the AI policy" },
    { key = BUDGET, owner = "top-management",
      title = "Approve a current budget for the AIMS at top management level" },
    { key = REVIEW_ATTENDANCE, owner = "top-management",
      title = "Ensure top management takes part in each management review of the AIMS" },
  },
}

---------------------------------------------------------------------------------------------------
-- 5.2

local POLICY_APPROVAL = "approve-ai-policy"
local POLICY_CONTENT = "complete-ai-policy"
local POLICY_REVIEW = "review-ai-policy"
local POLICY_COMMS = "communicate-ai-policy"

-- What the policy must provide for, and how a message names it.
local COVERS = {
  { "purpose_fit", "is appropriate to the organisation's purpose" },
  { "objectives_framework", "gives a framework for setting AI objectives" },
  { "applicable_requirements", "commits to meeting applicable requirements" },
  { "continual_improvement", "commits to continual improvement of the AIMS" },
}

control "5.2" {
  title = "An AI policy set by top management",
  description = "The AI policy in force is approved by top management, provides for the "
    .. "contents the standard expects (fit to purpose, a framework for objectives, commitments "
    .. "to requirements and to improvement), is reviewed within its cycle, has been communicated "
    .. "since its approval and is available to interested parties.",
  citations = { "5.2", "5.1", "7.4", "7.5.1" },
  applies_to = { "organization" },
  severity = "high",
  params = {
    -- The longest review cycle accepted for the AI policy, in months.
    max_review_cycle_months = 12,
  },
  check = function(doc, ctx)
    local policy = util.require_object(doc, ctx, "/ai_policy", "AI policy",
      { POLICY_APPROVAL, POLICY_CONTENT, POLICY_REVIEW, POLICY_COMMS })
    if policy == nil then return end
    local ok = true
    local function bad() ok = false end

    if not util.need_text(ctx, policy, "version", "the AI policy in force has no version",
        POLICY_CONTENT) then bad() end
    if not util.need_text(ctx, policy, "location", "the record does not say where the AI policy "
        .. "is kept or published (location)", POLICY_COMMS) then bad() end

    -- Approved by top management.
    if not util.need_text(ctx, policy, "approved_by", "nobody is recorded as approving the AI "
        .. "policy (approved_by)", POLICY_APPROVAL) then
      bad()
    else
      local top = util.top_authorities(doc)
      if top == nil then
        ctx:insufficient("/leadership/top_management", "the record does not name top "
          .. "management, so it cannot be told whether the AI policy's approver "
          .. util.quote(policy.approved_by) .. " is top management", POLICY_APPROVAL)
        bad()
      elseif not by_top(ctx, top, policy.approved_by, policy:pointer("approved_by"),
          "the AI policy's approver", POLICY_APPROVAL) then
        bad()
      end
    end
    local approved_day
    if policy.approved == nil then
      ctx:fail(policy:pointer("approved"), "the approval of the AI policy in force is not dated "
        .. "(approved)", POLICY_APPROVAL)
      bad()
    elseif util.age_in_days(ctx, policy.approved, policy:pointer("approved"), "approved",
        POLICY_APPROVAL) then
      approved_day = dates.day(policy.approved)
    else
      bad()
    end

    -- Reviewed within its cycle, and (when that holds) not past its own next review date.
    local due = util.check_review(ctx, policy, "the AI policy",
      { max_cycle = ctx.params.max_review_cycle_months, tasks = POLICY_REVIEW })
    if not due then bad() end
    local next_due = policy.next_review_due
    if due and util.day(next_due)
        and dates.day(next_due) < util.today(ctx) then
      ctx:fail(policy:pointer("next_review_due"), ("the AI policy's next review was due %s, "
        .. "before %s"):format(next_due, ctx.as_of), POLICY_REVIEW)
      bad()
    end

    -- Contents.
    local covers = policy.covers
    if not util.is_object(covers) then
      ctx:fail(policy:pointer("covers"), "the record does not show which required contents the "
        .. "AI policy has (covers)", POLICY_CONTENT)
      bad()
    else
      for _, c in ipairs(COVERS) do
        if covers[c[1]] ~= true then
          ctx:fail(covers:pointer(c[1]), ("the AI policy is not recorded as one that %s (%s is "
            .. "%s)"):format(c[2], c[1], util.show(covers[c[1]])), POLICY_CONTENT)
          bad()
        end
      end
    end
    if not util.is_list(policy.commitments) then
      ctx:fail(policy:pointer("commitments"), "the AI policy states no commitments or "
        .. "principles (commitments)", POLICY_CONTENT)
      bad()
    end

    -- Communicated since the version in force was approved, and available outside.
    local comm = policy.communicated
    if not util.is_object(comm) then
      ctx:fail(policy:pointer("communicated"), "the AI policy has not been communicated within "
        .. "the organisation (communicated)", POLICY_COMMS)
      bad()
    else
      if not util.is_list(comm.channels) then
        ctx:fail(comm:pointer("channels"), "the record does not say how the AI policy was "
          .. "communicated (channels)", POLICY_COMMS)
        bad()
      end
      if not util.is_list(comm.audiences) then
        ctx:fail(comm:pointer("audiences"), "the record does not say to whom the AI policy was "
          .. "communicated (audiences)", POLICY_COMMS)
        bad()
      end
      local _, age = util.need_date(ctx, comm, "date", "the communication of the AI policy",
        POLICY_COMMS)
      if age == nil then
        bad()
      elseif approved_day and dates.day(comm.date) < approved_day then
        ctx:fail(comm:pointer("date"), ("the AI policy version %s approved %s has not been "
          .. "communicated since: the last communication was %s")
          :format(tostring(policy.version), policy.approved, comm.date), POLICY_COMMS)
        bad()
      end
    end
    if policy.available_to_interested_parties ~= true then
      ctx:fail(policy:pointer("available_to_interested_parties"), "the AI policy is not made "
        .. "available to interested parties (available_to_interested_parties is "
        .. util.show(policy.available_to_interested_parties) .. ")", POLICY_COMMS)
      bad()
    end

    if ok then
      ctx:pass(("AI policy v%s approved by %s %s, covers all four required contents, "
        .. "communicated %s; next review due %s"):format(policy.version,
        util.quote(policy.approved_by), policy.approved, comm.date, due))
    end
  end,
  remediation = {
    { key = POLICY_APPROVAL, owner = "top-management",
      title = "Have top management or the governing body approve the AI policy in force and "
        .. "record who approved it and when" },
    { key = POLICY_CONTENT, owner = "ai-governance",
      title = "Make the AI policy fit the organisation's purpose, give a framework for AI "
        .. "objectives, and commit to applicable requirements and continual improvement" },
    { key = POLICY_REVIEW, owner = "ai-governance",
      title = "Review the AI policy within its planned cycle and record the date" },
    { key = POLICY_COMMS, owner = "ai-governance",
      title = "Communicate the AI policy in force within the organisation, record how and to "
        .. "whom, and make it available to interested parties" },
  },
}

---------------------------------------------------------------------------------------------------
-- 5.3

local ASSIGN = "assign-aims-roles"
local DESCRIBE = "describe-roles"

-- What every role must state, and how a message says it is missing.
local ROLE_FIELDS = {
  { "role", "has no name" }, { "holder", "has no holder" },
  { "responsibilities", "states no responsibilities" }, { "authorities", "states no authorities" },
}

-- The two responsibilities top management must assign, and how a message names them.
local KEY_AREAS = {
  { "aims_conformance", "ensuring the AIMS conforms to the standard" },
  { "aims_performance_reporting", "reporting on the performance of the AIMS to top management" },
}

control "5.3" {
  title = "AIMS roles assigned by top management",
  description = "Every role of the AIMS has a holder, responsibilities and authorities, and was "
    .. "assigned on a known date; top management has assigned someone to make the AIMS conform "
    .. "and someone to report its performance back to top management.",
  citations = { "5.3", "5.1" },
  applies_to = { "organization" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "GOVERN 2.1" } },
  check = function(doc, ctx)
    local roles = util.require_list(doc, ctx, "/roles", "roles and responsibilities",
      { ASSIGN, DESCRIBE })
    if roles == nil then return end
    local top = util.top_authorities(doc)
    local ok = true
    local function bad() ok = false end
    local seen = {}
    local holders = {}  -- area -> list of role indexes

    for i = 1, #roles do
      local r, at = roles[i], roles:pointer(i)
      local name = util.label("role", r, i)
      if not util.is_object(r) then
        ctx:fail(at, name .. " must be an object, found " .. util.show(r), DESCRIBE)
        bad()
      else
        if util.is_text(r.role) then name = "role " .. util.quote(r.role) end
        if type(r.id) == "string" then
          if seen[r.id] then
            ctx:fail(at .. "/id", ("%s duplicates the id of role #%d"):format(name, seen[r.id]),
              DESCRIBE)
            bad()
          else
            seen[r.id] = i
          end
        end
        for _, f in ipairs(ROLE_FIELDS) do
          if not util.need_field(ctx, r, f[1], name, f[2], DESCRIBE) then bad() end
        end
        if not util.need_text(ctx, r, "assigned_by", name .. " does not say who assigned it "
            .. "(assigned_by)", ASSIGN) then bad() end
        if r.assigned ~= nil and util.age_in_days(ctx, r.assigned, at .. "/assigned",
            name .. " assigned", ASSIGN) == nil then bad() end
        local areas = r.areas
        if util.is_list(areas) then
          for j = 1, #areas do
            local a = areas[j]
            if type(a) == "string" then
              local list = holders[a]
              if list == nil then list = {}; holders[a] = list end
              list[#list + 1] = i
            end
          end
        end
      end
    end

    -- Conformance and performance reporting: assigned by top management, reporting to it.
    for _, k in ipairs(KEY_AREAS) do
      local area, what = k[1], k[2]
      local list = holders[area]
      if list == nil then
        ctx:fail("/roles", ("no role is responsible for %s (no role has area %s)")
          :format(what, area), ASSIGN)
        bad()
      elseif top == nil then
        ctx:insufficient("/leadership/top_management", "the record does not name top "
          .. "management, so it cannot be told whether top management assigned the role for "
          .. what, ASSIGN)
        bad()
      else
        for _, i in ipairs(list) do
          local r = roles[i]
          local name = util.label("role", r, i)
          if util.is_text(r.assigned_by) and not top[util.compact_name(r.assigned_by)] then
            ctx:fail(roles:pointer(i) .. "/assigned_by", ("%s, responsible for %s, was assigned "
              .. "by %s, who is not top management"):format(name, what,
              util.quote(r.assigned_by)), ASSIGN)
            bad()
          end
          if area == "aims_performance_reporting" and not (util.is_text(r.reports_to)
              and top[util.compact_name(r.reports_to)]) then
            ctx:fail(roles:pointer(i) .. "/reports_to", ("%s reports on AIMS performance but "
              .. "reports to %s, not to top management"):format(name, util.show(r.reports_to)),
              ASSIGN)
            bad()
          end
        end
      end
    end

    if ok then
      ctx:pass(("%s with holders, responsibilities and authorities; conformance and performance "
        .. "reporting assigned by top management"):format(util.plural(#roles, "role")))
    end
  end,
  remediation = {
    { key = ASSIGN, owner = "top-management",
      title = "Have top management assign, and record, who ensures the AIMS conforms and who "
        .. "reports its performance to top management" },
    { key = DESCRIBE, owner = "ai-governance",
      title = "Record each AIMS role with its holder, responsibilities and authorities" },
  },
}
