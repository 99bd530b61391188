-- Clause 10: improvement (10.1-10.2).
local util = require "util"

---------------------------------------------------------------------------------------------
-- 10.1 Continual improvement
---------------------------------------------------------------------------------------------

local CI_PURSUE = "pursue-improvements"
local CI_TRACK = "track-improvements"

local OPEN_IMPROVEMENT = { proposed = true, planned = true, in_progress = true }

-- The registers a record (an improvement, a nonconformity) can come from, by its `source`: how
-- messages name one, and the set of its ids.
local SOURCE_REGISTERS = {
  internal_audit = { what = "internal audit", article = "an", build = function(doc)
    -- Audits and their findings.
    local audits = doc:get("/internal_audit/audits")
    if util.shape(audits) ~= "array" then return nil end
    local set = {}
    for i = 1, #audits do
      local a = audits[i]
      if util.shape(a) == "object" then
        if type(a.id) == "string" then set[a.id] = true end
        local findings = a.findings
        if util.shape(findings) == "array" then
          for j = 1, #findings do
            local f = findings[j]
            if util.shape(f) == "object" and type(f.id) == "string" then set[f.id] = true end
          end
        end
      end
    end
    return set
  end },
  management_review = { what = "management review", article = "a", build = function(doc)
    return util.by_key(doc:get("/management_review/reviews"), "id")
  end },
  incident = { what = "incident", article = "an", build = function(doc)
    return util.by_key(doc:get("/incident_management/incidents"), "id")
  end },
}

-- Checks that the `source_ref` of `item` (at `at`) names an existing audit (or audit finding),
-- management review or incident when its `source` is one of those. `cache` is a table local to
-- the check. Returns true when it resolves or there is nothing to resolve.
local function check_source_ref(doc, ctx, item, at, name, cache, tasks)
  local source = item.source
  local reg = type(source) == "string" and SOURCE_REGISTERS[source] or nil
  if reg == nil then return true end
  local ref = item.source_ref
  if type(ref) ~= "string" or not present(ref) then
    ctx:fail(at .. "/source_ref", ("%s comes from %s %s but does not say which (source_ref)")
      :format(name, reg.article, reg.what), tasks)
    return false
  end
  local set = cache[source]
  if set == nil then
    set = reg.build(doc) or false
    cache[source] = set
  end
  if set == false then
    ctx:fail(at .. "/source_ref", ("%s comes from %s %s, but the organisation records no %ss")
      :format(name, reg.what, util.quote(ref), reg.what), tasks)
    return false
  end
  if not set[ref] then
    ctx:fail(at .. "/source_ref", ("%s comes from %s %s, which is not on record")
      :format(name, reg.what, util.quote(ref)), tasks)
    return false
  end
  return true
end

-- Checks one improvement; returns true when it is complete, traceable and on time, and the day
-- it was raised.
local function check_improvement(doc, ctx, item, at, i, today, cache)
  local name = util.label("improvement", item, i)
  if util.shape(item) ~= "object" then
    ctx:fail(at, name .. " must be an object, found " .. util.show(item), CI_TRACK)
    return false, nil
  end
  local ok = util.require_text(ctx, item, "description", name, "does not say what is improved",
    CI_TRACK)
  ok = util.require_text(ctx, item, "owner", name, "has no owner", CI_TRACK) and ok
  if item.source == nil then
    ctx:fail(at .. "/source", name .. " does not say where the opportunity came from (source)",
      CI_TRACK)
    ok = false
  else
    ok = check_source_ref(doc, ctx, item, at, name, cache, CI_TRACK) and ok
  end
  local raised_day
  if item.raised == nil then
    ctx:fail(at .. "/raised", name .. " is not dated (raised)", CI_TRACK)
    ok = false
  else
    raised_day = util.past_date(ctx, item.raised, at .. "/raised", name .. ": raised", CI_TRACK)
    if raised_day == nil then ok = false end
  end
  local status = item.status
  local due_day = util.day_of(ctx, item.due, at .. "/due", name .. ": due", CI_TRACK)
  if item.due ~= nil and due_day == nil then ok = false end
  if due_day and raised_day and due_day < raised_day then
    ctx:fail(at .. "/due", ("%s is due %s, before it was raised on %s")
      :format(name, item.due, item.raised), CI_TRACK)
    ok = false
  end
  if status == nil then
    ctx:fail(at .. "/status", name .. " has no status", CI_TRACK)
    ok = false
  elseif OPEN_IMPROVEMENT[status] then
    if item.due == nil and status ~= "proposed" then
      ctx:fail(at .. "/due", ("%s is %s but has no due date"):format(name, status), CI_TRACK)
      ok = false
    elseif due_day and due_day < today then
      ctx:fail(at .. "/due", ("%s was due %s and is still %s on %s (%d days overdue)")
        :format(name, item.due, status, ctx.as_of, today - due_day), CI_TRACK)
      ok = false
    end
  elseif status == "completed" then
    if item.completed == nil then
      ctx:fail(at .. "/completed", name .. " is completed but not dated (completed)", CI_TRACK)
      ok = false
    else
      local done_day = util.past_date(ctx, item.completed, at .. "/completed",
        name .. ": completed", CI_TRACK)
      if done_day == nil then
        ok = false
      elseif raised_day and done_day < raised_day then
        ctx:fail(at .. "/completed", ("%s was completed %s, before it was raised on %s")
          :format(name, item.completed, item.raised), CI_TRACK)
        ok = false
      end
    end
    ok = util.require_text(ctx, item, "outcome", name, "is completed but its outcome is not "
      .. "recorded", CI_TRACK) and ok
  end
  return ok, raised_day
end

control "10.1" {
  title = "The AIMS is being improved, and improvements are followed through",
  description = "Improvement actions are raised regularly, at least one within the allowed "
    .. "period; each has an owner, a source that can be traced to the audit, review or incident "
    .. "it came from, and a due date; open ones are not overdue and completed ones record their "
    .. "outcome.",
  citations = { "10.1", "9.3.3" },
  applies_to = { "organization" },
  severity = "medium",
  params = {
    -- At least one improvement must have been raised within this many days.
    max_days_without_improvement = 366,
    -- Gaps and records older than this many days (a three-year certification cycle) are history
    -- an auditor no longer samples; open items are judged whatever their age.
    history_lookback_days = 1096,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local today = util.today(ctx)
    local list = util.require_list(doc, ctx, "/improvements", "continual improvement actions",
      CI_PURSUE)
    if list == nil then return end
    local ok, cache, newest, newest_i = true, {}, nil, nil
    local open = 0
    for i = 1, #list do
      local item = list[i]
      local closed_day = util.shape(item) == "object" and not OPEN_IMPROVEMENT[item.status]
        and type(item.completed or item.raised) == "string"
        and dates.day(item.completed or item.raised)
      if closed_day and today - closed_day > p.history_lookback_days then
        -- a closed improvement from before the look-back period is history
        local raised = util.day(item.raised)
        if raised and (newest == nil or raised > newest) then newest, newest_i = raised, i end
      else
        local item_ok, raised = check_improvement(doc, ctx, item, list:pointer(i), i, today,
          cache)
        ok = item_ok and ok
        if raised and (newest == nil or raised > newest) then newest, newest_i = raised, i end
        if util.shape(item) == "object" and OPEN_IMPROVEMENT[item.status] then open = open + 1 end
      end
    end
    if newest == nil then
      ctx:insufficient(list:pointer(), "no dated improvement action on record", CI_PURSUE)
      return
    end
    if today - newest > p.max_days_without_improvement then
      local item = list[newest_i]
      ctx:fail(list:pointer(), ("no improvement raised since %s (%s, %d days before %s); at "
        .. "least one every %d days shows the AIMS is being improved")
        :format(item.raised, util.label("improvement", item, newest_i), today - newest,
          ctx.as_of, p.max_days_without_improvement), CI_PURSUE)
      ok = false
    end
    if ok then
      ctx:pass(("%s (%d open, none overdue); newest raised %d days before %s")
        :format(util.plural(#list, "improvement"), open, today - newest, ctx.as_of))
    end
  end,
  remediation = {
    { key = CI_PURSUE, owner = "ai-governance",
      title = "Identify and raise improvements to the AIMS from audits, reviews, monitoring "
        .. "and incidents" },
    { key = CI_TRACK, owner = "ai-governance",
      title = "Give every improvement an owner, a traceable source and a due date, complete the "
        .. "overdue ones and record their outcome" },
  },
}

---------------------------------------------------------------------------------------------
-- 10.2 Nonconformity and corrective action
---------------------------------------------------------------------------------------------

local NC_RECORD = "record-nonconformities"
local NC_CORRECT = "correct-nonconformities"
local NC_ROOT = "analyse-root-causes"
local NC_ACT = "complete-corrective-actions"
local NC_EFFECT = "review-corrective-action-effectiveness"

-- Checks the identity and origin of a nonconformity; returns true when complete.
local function check_nc_record(doc, ctx, nc, at, name, cache, seen, i)
  local ok = true
  local id = nc.id
  if type(id) ~= "string" or not present(id) then
    ctx:fail(at .. "/id", name .. " has no id", NC_RECORD)
    ok = false
  elseif seen[id] then
    ctx:fail(at .. "/id", ("%s duplicates the id of nonconformity #%d"):format(name, seen[id]),
      NC_RECORD)
    ok = false
  else
    seen[id] = i
  end
  ok = util.require_text(ctx, nc, "description", name, "does not say what did not conform",
    NC_RECORD) and ok
  local reqs = nc.requirements
  if util.shape(reqs) ~= "array" then
    ctx:fail(at .. "/requirements", name .. " does not name the requirements not met "
      .. "(requirements)", NC_RECORD)
    ok = false
  else
    for j = 1, #reqs do
      if not util.is_iso_id(reqs[j]) then
        ctx:fail(reqs:pointer(j), ("%s names requirement %s, which is not an ISO/IEC 42001 "
          .. "identifier"):format(name, util.show(reqs[j])), NC_RECORD)
        ok = false
      end
    end
  end
  if nc.source == nil then
    ctx:fail(at .. "/source", name .. " does not say where it was found (source)", NC_RECORD)
    ok = false
  else
    ok = check_source_ref(doc, ctx, nc, at, name, cache, NC_RECORD) and ok
  end
  return ok
end

-- Checks the corrective action and its effectiveness review; `closed` tells whether the
-- nonconformity is closed, `late` whether the time to decide an action has passed.
local function check_corrective_action(ctx, nc, at, name, closed, late, raised_day, today, p)
  local ok = true
  local ca = nc.corrective_action
  local ca_at = at .. "/corrective_action"
  local ca_owner, done_day, done
  if util.shape(ca) ~= "object" then
    if closed or late then
      ctx:fail(ca_at, ("%s %s without a corrective action to remove its cause")
        :format(name, closed and "was closed" or ("has stood for more than %d days")
          :format(p.root_cause_days)), NC_ACT)
      ok = false
    end
  else
    ok = util.require_text(ctx, ca, "description", "the corrective action of " .. name,
      "does not say what is done", NC_ACT) and ok
    if util.require_text(ctx, ca, "owner", "the corrective action of " .. name, "has no owner",
        NC_ACT) then
      ca_owner = ca.owner
    else
      ok = false
    end
    local due_day
    if ca.due == nil then
      ctx:fail(ca_at .. "/due", "the corrective action of " .. name .. " has no due date", NC_ACT)
      ok = false
    else
      due_day = util.day_of(ctx, ca.due, ca_at .. "/due", name .. ": corrective action due", NC_ACT)
      if due_day == nil then ok = false end
    end
    done = ca.completed
    if done ~= nil then
      done_day = util.past_date(ctx, done, ca_at .. "/completed",
        name .. ": corrective action completed", NC_ACT)
      if done_day == nil then
        ok = false
      elseif raised_day and done_day < raised_day then
        ctx:fail(ca_at .. "/completed", ("the corrective action of %s was completed %s, before "
          .. "the nonconformity was raised on %s"):format(name, done, nc.raised), NC_RECORD)
        ok = false
      end
    elseif closed then
      ctx:fail(ca_at .. "/completed", name .. " was closed but its corrective action is not "
        .. "completed", NC_ACT)
      ok = false
    elseif due_day and due_day < today then
      ctx:fail(ca_at .. "/due", ("the corrective action of %s was due %s and is not completed "
        .. "on %s (%d days overdue)"):format(name, ca.due, ctx.as_of, today - due_day), NC_ACT)
      ok = false
    end
  end

  local er = nc.effectiveness_review
  local er_at = at .. "/effectiveness_review"
  local er_day
  if util.shape(er) ~= "object" then
    if closed then
      ctx:fail(er_at, name .. " was closed without reviewing whether its corrective action "
        .. "worked (effectiveness_review)", NC_EFFECT)
      ok = false
    elseif done_day and today - done_day > p.effectiveness_review_days then
      ctx:fail(er_at, ("the corrective action of %s was completed %s, %d days before %s, and its "
        .. "effectiveness has not been reviewed; at most %d days are allowed")
        :format(name, done, today - done_day, ctx.as_of, p.effectiveness_review_days), NC_EFFECT)
      ok = false
    end
  else
    if er.date == nil then
      ctx:fail(er_at .. "/date", "the effectiveness review of " .. name .. " is not dated",
        NC_EFFECT)
      ok = false
    else
      er_day = util.past_date(ctx, er.date, er_at .. "/date", name .. ": effectiveness review date",
        NC_EFFECT)
      if er_day == nil then
        ok = false
      elseif done_day and er_day < done_day then
        ctx:fail(er_at .. "/date", ("the effectiveness of the corrective action of %s was "
          .. "reviewed on %s, before the action was completed on %s"):format(name, er.date, done),
          NC_EFFECT)
        ok = false
      end
    end
    local reviewer = er.reviewed_by
    if type(reviewer) ~= "string" or not present(reviewer) then
      ctx:fail(er_at .. "/reviewed_by", "the effectiveness review of " .. name .. " does not "
        .. "say who reviewed it", NC_EFFECT)
      ok = false
    elseif ca_owner and util.same_name(reviewer, ca_owner) then
      ctx:fail(er_at .. "/reviewed_by", ("the effectiveness of the corrective action of %s was "
        .. "reviewed by its own owner, %s; it needs someone other than the owner")
        :format(name, util.quote(reviewer)), NC_EFFECT)
      ok = false
    end
    if er.effective == nil then
      ctx:fail(er_at .. "/effective", "the effectiveness review of " .. name .. " records no "
        .. "conclusion (effective)", NC_EFFECT)
      ok = false
    elseif er.effective ~= true and closed then
      ctx:fail(er_at .. "/effective", name .. " was closed although its corrective action was "
        .. "found not effective", NC_EFFECT)
      ok = false
    end
  end
  return ok, er_day
end

control "10.2" {
  title = "Nonconformities corrected at their root cause, with effective actions",
  description = "Every nonconformity is recorded with the requirements it breaks and a "
    .. "traceable source; it is corrected, its root cause analysed and a corrective action with "
    .. "an owner decided in time; open actions are not overdue; the action's effectiveness is "
    .. "reviewed by someone other than its owner before the nonconformity is closed.",
  citations = { "10.2", "10.1" },
  applies_to = { "organization" },
  severity = "high",
  params = {
    -- Days from raising a nonconformity by which its correction, root cause and corrective
    -- action must be recorded.
    root_cause_days = 30,
    -- Days after a corrective action is completed by which its effectiveness must be reviewed.
    effectiveness_review_days = 90,
    -- Gaps and records older than this many days (a three-year certification cycle) are history
    -- an auditor no longer samples; open items are judged whatever their age.
    history_lookback_days = 1096,
  },
  check = function(doc, ctx)
    local p = ctx.params
    local today = util.today(ctx)
    local list = util.require_list(doc, ctx, "/nonconformities",
      "register of nonconformities and corrective actions", NC_RECORD)
    if list == nil then return end
    local ok, cache, seen = true, {}, {}
    local n_open, n_closed = 0, 0
    for i = 1, #list do
      local nc = list[i]
      local at = list:pointer(i)
      local name = util.label("nonconformity", nc, i)
      local closed_day = util.shape(nc) == "object" and nc.status == "closed"
        and util.day(nc.closed)
      if closed_day and today - closed_day > p.history_lookback_days then
        n_closed = n_closed + 1   -- closed before the look-back period: history
      elseif util.shape(nc) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(nc), NC_RECORD)
        ok = false
      else
        local nc_ok = check_nc_record(doc, ctx, nc, at, name, cache, seen, i)
        local raised_day, age
        if nc.raised == nil then
          ctx:fail(at .. "/raised", name .. " is not dated (raised)", NC_RECORD)
          nc_ok = false
        else
          raised_day, age = util.past_date(ctx, nc.raised, at .. "/raised", name .. ": raised",
            NC_RECORD)
          if raised_day == nil then nc_ok = false end
        end
        local status = nc.status
        local closed = status == "closed"
        if status == nil then
          ctx:fail(at .. "/status", name .. " has no status (open, in_progress, closed)",
            NC_RECORD)
          nc_ok = false
        elseif closed then
          n_closed = n_closed + 1
        else
          n_open = n_open + 1
        end
        local late = age ~= nil and age > p.root_cause_days
        local when = closed and "was closed" or
          ("has stood for %d days (at most %d without it)"):format(age or 0, p.root_cause_days)
        if not present(nc.correction) and (closed or late) then
          ctx:fail(at .. "/correction", ("%s %s without a correction (the immediate action to "
            .. "contain it)"):format(name, when), NC_CORRECT)
          nc_ok = false
        end
        if not present(nc.root_cause) and (closed or late) then
          ctx:fail(at .. "/root_cause", ("%s %s without a root cause analysis")
            :format(name, when), NC_ROOT)
          nc_ok = false
        end
        local ca_ok, er_day = check_corrective_action(ctx, nc, at, name, closed, late,
          raised_day, today, p)
        nc_ok = ca_ok and nc_ok
        if closed then
          if nc.closed == nil then
            ctx:fail(at .. "/closed", name .. " is closed but the closure is not dated",
              NC_RECORD)
            nc_ok = false
          else
            local closed_day = util.past_date(ctx, nc.closed, at .. "/closed", name .. ": closed",
              NC_RECORD)
            if closed_day == nil then
              nc_ok = false
            elseif er_day and closed_day < er_day then
              ctx:fail(at .. "/closed", ("%s was closed on %s, before the effectiveness review "
                .. "of %s"):format(name, nc.closed, nc.effectiveness_review.date), NC_EFFECT)
              nc_ok = false
            end
          end
        end
        ok = nc_ok and ok
      end
    end
    if ok then
      ctx:pass(("%s (%d closed after an independent effectiveness review, %d open and on time)")
        :format(util.plural(#list, "nonconformity", "nonconformities"), n_closed, n_open))
    end
  end,
  remediation = {
    { key = NC_RECORD, owner = "ai-governance",
      title = "Record every nonconformity with its id, the requirements it breaks, its source, "
        .. "dates and status" },
    { key = NC_CORRECT, owner = "ai-governance",
      title = "Record the correction taken to contain each nonconformity" },
    { key = NC_ROOT, owner = "ai-governance",
      title = "Analyse and record the root cause of each nonconformity" },
    { key = NC_ACT, owner = "ai-governance",
      title = "Decide a corrective action with an owner and due date for each nonconformity, "
        .. "and complete the overdue ones" },
    { key = NC_EFFECT, owner = "internal-audit",
      title = "Have someone other than the action's owner review whether each corrective "
        .. "action worked before closing the nonconformity" },
  },
}
