-- Annex A.2: policies related to AI (A.2.2-A.2.4).
local util = require "util"

---------------------------------------------------------------------------------------------
-- A.2.2 AI policy
---------------------------------------------------------------------------------------------

local POL_DOCUMENT = "document-ai-policy"
local POL_APPROVE = "approve-ai-policy"

control "A.2.2" {
  title = "A documented, approved AI policy",
  description = "The AI policy is a controlled document (id, version, location) that states the "
    .. "principles and commitments guiding the organisation's AI activities; the version in "
    .. "force was approved by a named approver on a date, and matches the approved version in "
    .. "the register of documented information.",
  citations = { "A.2.2", "5.2" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.1" } },
  params = {
    -- The policy must state at least this many commitments or principles.
    min_commitments = 1,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "GOV-01" })
    end
    if util.excluded_by_soa(doc, ctx) then return end
    local p = ctx.params
    local pol = util.require_object(doc, ctx, "/ai_policy", "AI policy",
      { POL_DOCUMENT, POL_APPROVE })
    if pol == nil then return end
    local ok = true
    local name = "the AI policy"
    ok = util.require_text(ctx, pol, "id", name, "has no document id", POL_DOCUMENT) and ok
    ok = util.require_text(ctx, pol, "version", name, "has no version", POL_DOCUMENT) and ok
    ok = util.require_text(ctx, pol, "location", name,
      "does not say where it is kept or published (location)", POL_DOCUMENT) and ok
    local n, all = util.check_strings(ctx, pol.commitments, pol:pointer("commitments"), name,
      "commitments or principles", POL_DOCUMENT)
    if not all then
      ok = false
    elseif n < p.min_commitments then
      ctx:fail(pol:pointer("commitments"), ("%s states %s; at least %d are required")
        :format(name, util.plural(n, "commitment"), p.min_commitments), POL_DOCUMENT)
      ok = false
    end

    ok = util.require_text(ctx, pol, "approved_by", name, "in force has not been approved "
      .. "(approved_by)", POL_APPROVE) and ok
    if pol.approved == nil then
      ctx:fail(pol:pointer("approved"), name .. ": the approval of the version in force is not "
        .. "dated (approved)", POL_APPROVE)
      ok = false
    elseif not util.past_date(ctx, pol.approved, pol:pointer("approved"), "AI policy approved",
        POL_APPROVE) then
      ok = false
    end

    -- The version in force is the approved one in the register of documented information.
    local docs = util.by_key(doc:get("/documented_information/documents"), "id", true)
    if docs and type(pol.id) == "string" then
      local entry = docs[pol.id]
      if entry == nil then
        ctx:fail(pol:pointer("id"), ("%s %s is not in the register of documented information")
          :format(name, util.quote(pol.id)), POL_DOCUMENT)
        ok = false
      else
        if pol.version ~= nil and entry.version ~= nil and entry.version ~= pol.version then
          ctx:fail(pol:pointer("version"), ("%s in force is version %s, but the register of "
            .. "documented information holds %s at version %s"):format(name,
              util.show(pol.version), util.quote(pol.id), util.show(entry.version)),
            POL_DOCUMENT)
          ok = false
        end
        if entry.status ~= nil and entry.status ~= "approved" then
          ctx:fail(pol:pointer("id"), ("the register of documented information lists %s %s as "
            .. "%s, not approved"):format(name, util.quote(pol.id), util.quote(entry.status)),
            POL_APPROVE)
          ok = false
        end
      end
    end

    if ok then
      ctx:pass(("%s %s version %s states %s; approved by %s on %s")
        :format(name, util.quote(pol.id), pol.version, util.plural(n, "commitment"),
          util.quote(pol.approved_by), pol.approved))
    end
  end,
  remediation = {
    util.vendor_task("an approved AI policy"),
    { key = POL_DOCUMENT, owner = "ai-governance",
      title = "Keep the AI policy as a controlled document with an id, version and location, "
        .. "stating the principles that guide AI activities" },
    { key = POL_APPROVE, owner = "top-management",
      title = "Have the AI policy in force approved and record who approved it and when" },
  },
}

---------------------------------------------------------------------------------------------
-- A.2.3 Alignment with other organizational policies
---------------------------------------------------------------------------------------------

local AL_IDENTIFY = "identify-related-policies"
local AL_CHECK = "check-policy-alignment"

control "A.2.3" {
  title = "AI policy aligned with the organisation's other policies",
  description = "The policies that AI touches are identified, each with its document, owner and "
    .. "how it relates to the AI policy; security and privacy policies are among them; and the "
    .. "alignment with each was checked recently and after the AI policy in force was approved.",
  citations = { "A.2.3", "5.2" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MEASURE 2.7" } },
  params = {
    -- Alignment with each related policy must have been checked within this many days.
    max_alignment_age_days = 366,
    -- An information security policy and a privacy (data protection) policy must be among them.
    require_security_and_privacy = true,
  },
  check = function(doc, ctx)
    if util.excluded_by_soa(doc, ctx) then return end
    local p = ctx.params
    local list = util.require_list(doc, ctx, "/ai_policy/aligned_policies",
      "policies the AI policy was aligned with", AL_IDENTIFY)
    if list == nil then return end
    local approved = doc:get("/ai_policy/approved")
    local approved_day = util.day(approved)
    local ok, security, privacy, checked = true, false, false, 0
    for i = 1, #list do
      local a = list[i]
      local at = list:pointer(i)
      local name = "related policy #" .. i
      if util.shape(a) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(a), AL_IDENTIFY)
        ok = false
      else
        if type(a.policy) == "string" and present(a.policy) then
          name = "related policy " .. util.quote(a.policy)
          if re.test(a.policy, "(?i)secur") then security = true end
          if re.test(a.policy, "(?i)privacy|data protection|personal data") then
            privacy = true
          end
        else
          ctx:fail(at .. "/policy", name .. " is not named (policy)", AL_IDENTIFY)
          ok = false
        end
        ok = util.require_text(ctx, a, "document", name, "has no document reference",
          AL_IDENTIFY) and ok
        ok = util.require_text(ctx, a, "owner", name, "has no owner", AL_IDENTIFY) and ok
        ok = util.require_text(ctx, a, "relationship", name,
          "does not say how it relates to the AI policy (relationship)", AL_CHECK) and ok
        local when = a.last_checked
        if when == nil then
          ctx:fail(at .. "/last_checked", name .. ": alignment with it was never checked "
            .. "(last_checked)", AL_CHECK)
          ok = false
        else
          local day, age = util.past_date(ctx, when, at .. "/last_checked",
            name .. ": last_checked", AL_CHECK)
          if day == nil then
            ok = false
          elseif util.too_old(ctx, age, p.max_alignment_age_days, at .. "/last_checked",
              "alignment with " .. name .. " was last checked", when, AL_CHECK) then
            ok = false
          elseif approved_day and day < approved_day then
            ctx:fail(at .. "/last_checked", ("alignment with %s was last checked %s, before the "
              .. "AI policy in force was approved on %s"):format(name, when, approved),
              AL_CHECK)
            ok = false
          else
            checked = checked + 1
          end
        end
      end
    end
    if p.require_security_and_privacy then
      local missing = {}
      if not security then missing[#missing + 1] = "information security" end
      if not privacy then missing[#missing + 1] = "privacy or data protection" end
      if #missing > 0 then
        ctx:fail(list:pointer(), ("the AI policy was not aligned with a %s policy")
          :format(table.concat(missing, " or a ")), AL_IDENTIFY)
        ok = false
      end
    end
    if ok then
      ctx:pass(("%s identified, including security and privacy; alignment with each checked "
        .. "within %d days and after the policy's approval")
        :format(util.plural(#list, "related policy", "related policies"),
          p.max_alignment_age_days))
    end
  end,
  remediation = {
    { key = AL_IDENTIFY, owner = "ai-governance",
      title = "Identify the organisational policies that AI affects, including information "
        .. "security and privacy, with their documents and owners" },
    { key = AL_CHECK, owner = "ai-governance",
      title = "Check the AI policy against each related policy, record how they relate and the "
        .. "date, and repeat after every new AI policy version" },
  },
}

---------------------------------------------------------------------------------------------
-- A.2.4 Review of the AI policy
---------------------------------------------------------------------------------------------

local RV_PLAN = "plan-policy-reviews"
local RV_REVIEW = "review-ai-policy"
local RV_RECORD = "record-policy-reviews"

control "A.2.4" {
  title = "AI policy reviewed at planned intervals",
  description = "The AI policy has a review cycle no longer than allowed and is within it; the "
    .. "stated next review date keeps to the cycle; the review history records who reviewed it, "
    .. "when and with what outcome, without gaps longer than the cycle (approving a new version "
    .. "restarts it), and its newest entry matches the last review date.",
  citations = { "A.2.4", "5.2" },
  applies_to = { "organization", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "GOVERN 1.1" } },
  params = {
    -- The longest review cycle accepted for the AI policy, in months.
    max_review_cycle_months = 12,
    -- Gaps and records older than this many days (a three-year certification cycle) are history
    -- an auditor no longer samples; open items are judged whatever their age.
    history_lookback_days = 1096,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "GOV-01" })
    end
    if util.excluded_by_soa(doc, ctx) then return end
    local max = ctx.params.max_review_cycle_months
    local today = util.today(ctx)
    local pol = util.require_object(doc, ctx, "/ai_policy", "AI policy", { RV_PLAN, RV_REVIEW })
    if pol == nil then return end
    local ok = true
    local name = "the AI policy"

    -- A missing or bad cycle is reported, and the longest allowed one is judged against.
    local cycle_at = pol:pointer("review_cycle_months")
    local cycle, problem, months = util.cycle_months(pol.review_cycle_months, max)
    if problem == "missing" then
      ctx:fail(cycle_at, ("%s has no planned review interval (review_cycle_months); judged "
        .. "against the longest allowed, %d months"):format(name, max), RV_PLAN)
    elseif problem == "malformed" then
      ctx:fail(cycle_at, "review_cycle_months must be a whole number of months, found "
        .. util.show(pol.review_cycle_months), RV_PLAN)
    elseif problem == "implausible" then
      ctx:fail(cycle_at, ("%s: %s; judged against the longest allowed, %d months"):format(name,
        util.implausible_months("a review cycle", months), max), RV_PLAN)
    elseif problem == "too_long" then
      ctx:fail(cycle_at, ("%s is reviewed every %d months; at most %d are allowed")
        :format(name, months, max), RV_PLAN)
    end
    if cycle == nil then ok, cycle = false, max end

    -- The review history: complete entries, no gap longer than the cycle.
    local reviews = pol.reviews
    local approved_day = util.day(pol.approved)
    local newest
    if util.shape(reviews) == "array" then
      local prev
      for i = 1, #reviews do
        local r = reviews[i]
        local at = reviews:pointer(i)
        local r_name = ("review #%d of %s"):format(i, name)
        if util.shape(r) ~= "object" then
          ctx:fail(at, r_name .. " must be an object, found " .. util.show(r), RV_RECORD)
          ok = false
        else
          ok = util.require_text(ctx, r, "reviewed_by", r_name, "does not say who reviewed it",
            RV_RECORD) and ok
          ok = util.require_text(ctx, r, "outcome", r_name,
            "does not record its outcome (unchanged, or what changed)", RV_RECORD) and ok
          local day = r.date ~= nil and util.past_date(ctx, r.date, at .. "/date",
            r_name .. ": date", RV_RECORD) or nil
          if r.date == nil then
            ctx:fail(at .. "/date", r_name .. " is not dated", RV_RECORD)
            ok = false
          elseif day == nil then
            ok = false
          else
            if prev and today - day <= ctx.params.history_lookback_days then
              -- Approving a new version in between restarts the cycle like a review does.
              local from, from_what = prev, "the previous review"
              if approved_day and approved_day > prev.day and approved_day <= day then
                local gap_day, gap_due = util.months_after(prev.date, cycle)
                if approved_day > gap_day then
                  ctx:fail(at .. "/date", ("%s on %s: before it, the policy went %d days without "
                    .. "a review, from the review of %s to the approval of %s; with a %d-month "
                    .. "cycle one was due by %s"):format(r_name, r.date, approved_day - prev.day,
                      prev.date, pol.approved, cycle, gap_due), RV_REVIEW)
                  ok = false
                end
                from, from_what = { day = approved_day, date = pol.approved }, "the approval"
              end
              local due_day, due = util.months_after(from.date, cycle)
              if day < prev.day then
                ctx:fail(at .. "/date", ("%s on %s is listed after the review of %s; reviews "
                  .. "are recorded oldest first"):format(r_name, r.date, prev.date), RV_RECORD)
                ok = false
              elseif day > due_day then
                ctx:fail(at .. "/date", ("%s on %s came %d days after %s (%s); with a %d-month "
                  .. "cycle it was due by %s"):format(r_name, r.date, day - from.day, from_what,
                    from.date, cycle, due), RV_REVIEW)
                ok = false
              end
            end
            prev = { day = day, date = r.date }
            if newest == nil or day >= newest.day then
              newest = { day = day, date = r.date, at = at }
            end
          end
        end
      end
    end

    -- The last review agrees with the history.
    local last = pol.last_reviewed
    local last_day
    if last ~= nil then
      last_day = util.past_date(ctx, last, pol:pointer("last_reviewed"), name .. " last_reviewed",
        RV_RECORD)
      if last_day == nil then
        ok = false
      elseif newest == nil then
        ctx:insufficient(pol:pointer("reviews"), ("%s was last reviewed %s, but no review is on "
          .. "record (reviews: who reviewed it and the outcome)"):format(name, last), RV_RECORD)
        ok = false
      elseif newest.day ~= last_day then
        ctx:fail(pol:pointer("last_reviewed"), ("last_reviewed %s does not match the newest "
          .. "review on record, of %s"):format(last, newest.date), RV_RECORD)
        ok = false
      end
    elseif newest then
      last, last_day = newest.date, newest.day
    end

    -- The cycle runs from the later of the last review and the approval of the version in
    -- force (approving a new version is a review of the policy).
    local since, since_day, since_at, what = last, last_day, pol:pointer("last_reviewed"),
      "last reviewed"
    if approved_day and approved_day <= today and (since_day == nil or approved_day > since_day)
    then
      since, since_day, since_at, what = pol.approved, approved_day, pol:pointer("approved"),
        "approved"
    end
    if since_day == nil then
      ctx:insufficient(pol:pointer("last_reviewed"), name .. " is neither reviewed nor "
        .. "approved on a recorded date (last_reviewed, approved, reviews)", RV_RECORD)
      return
    end
    local due_day, due = util.months_after(since, cycle)
    if due_day < today then
      ctx:fail(since_at, ("%s was due for review by %s (%s %s, every %d months); %d days overdue "
        .. "on %s"):format(name, due, what, since, cycle, today - due_day, ctx.as_of), RV_REVIEW)
      ok = false
    end
    local nxt = pol.next_review_due
    if nxt ~= nil then
      local nxt_at = pol:pointer("next_review_due")
      local nxt_day = util.day_of(ctx, nxt, nxt_at, "next_review_due", RV_PLAN)
      if nxt_day == nil then
        ok = false
      elseif nxt_day > due_day then
        ctx:fail(nxt_at, ("next_review_due %s is later than the %d-month cycle allows after %s "
          .. "(%s)"):format(nxt, cycle, since, due), RV_PLAN)
        ok = false
      elseif nxt_day < today and due_day >= today then
        ctx:fail(nxt_at, ("the review of %s planned for %s has not taken place (%d days "
          .. "overdue on %s)"):format(name, nxt, today - nxt_day, ctx.as_of), RV_REVIEW)
        ok = false
      end
    end
    if ok then
      ctx:pass(("reviewed every %d months; %s %s (%d days before %s), next due by %s")
        :format(cycle, what, since, today - since_day, ctx.as_of, nxt or due))
    end
  end,
  remediation = {
    util.vendor_task("a regular review of its AI policy"),
    { key = RV_PLAN, owner = "ai-governance",
      title = "Set a review cycle for the AI policy and keep the next review date within it" },
    { key = RV_REVIEW, owner = "ai-governance",
      title = "Review the AI policy within its cycle and have management confirm the outcome" },
    { key = RV_RECORD, owner = "ai-governance",
      title = "Record every review of the AI policy: date, reviewer and outcome" },
  },
}
