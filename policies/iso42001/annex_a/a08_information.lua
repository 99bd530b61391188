-- Annex A.8: information for interested parties of AI systems (A.8.2-A.8.5): information for
-- users, external reporting of adverse impacts, communication of incidents, and reporting
-- obligations towards interested parties.
local util = require "util"

-- A.8.2 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local INFO_DOCS = "provide-user-information"
local INFO_DISCLOSE = "disclose-ai-use"
local INFO_LIMITS = "communicate-limitations"
local INFO_UPDATE = "update-user-information"

-- Checks the list of documents given to users; returns how many are complete, or nil.
local function check_user_documents(info, ctx)
  local docs = info.documents
  local at = info:pointer("documents")
  local s = util.shape(docs)
  if s ~= "array" then
    ctx:fail(at, "no information for users is listed (documents: instructions for use, "
      .. "notices, guides), found " .. util.show(docs), INFO_DOCS)
    return nil
  end
  local complete = 0
  for i = 1, #docs do
    local d, d_at = docs[i], docs:pointer(i)
    local name = util.label("user information", d, i)
    if util.shape(d) == "object" and type(d.title) == "string" and present(d.title) then
      name = "user information " .. util.quote(d.title)
    end
    if util.shape(d) ~= "object" then
      ctx:fail(d_at, name .. " must be an object, found " .. util.show(d), INFO_DOCS)
    elseif util.require_fields(d, d_at, name, {
      { "title", "what it is" },
      { "audience", "who receives it" },
      { "document", "the document that holds it" },
      { "channel", "how it is provided" },
    }, ctx, INFO_DOCS) == 0 then
      complete = complete + 1
    end
  end
  return complete, #docs
end

control "A.8.2" {
  title = "Documentation and information for the users of an AI system",
  description = "Users of the AI system receive documented information through a stated "
    .. "channel: they are told that AI is used, its known limitations are recorded and "
    .. "communicated, the intended users are named, there is a contact for questions, a "
    .. "high-risk system explains its outputs, and the information is current for this version.",
  citations = { "A.8.2", "7.4", "7.5.1" },
  applies_to = { "model_card", "vendor_questionnaire" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MAP 3.5", "MANAGE 2.4" }, eu_ai_act = { "Art. 13" } },
  params = {
    -- The information for users must have been updated within this many days.
    max_information_age_days = 365,
  },
  check = function(doc, ctx)
    if doc.kind == "vendor_questionnaire" then
      return util.vendor_practice(doc, ctx, { "TRN-01", "TRN-02", "DEV-03" })
    end
    local info = util.require_object(doc, ctx, "/information_for_users",
      "information for users", { INFO_DOCS, INFO_DISCLOSE, INFO_LIMITS, INFO_UPDATE })
    if info == nil then return end
    local at = "/information_for_users"
    local ok = true

    local complete, total = check_user_documents(info, ctx)
    if complete == nil or complete < total then ok = false end

    if info.discloses_ai_use ~= true then
      ctx:fail(at .. "/discloses_ai_use", ("people are not told that they interact with or are "
        .. "subject to an AI system (discloses_ai_use is %s)")
        :format(util.show(info.discloses_ai_use)), INFO_DISCLOSE)
      ok = false
    end
    if not present(info.contact) then
      ctx:fail(at .. "/contact", "the information for users names no contact for questions or "
        .. "complaints", INFO_DOCS)
      ok = false
    end
    local users = doc:get("/considerations/users")
    if not present(users) then
      ctx:fail("/considerations/users", "the card does not name the intended users that the "
        .. "information is for (considerations.users)", INFO_DOCS)
      ok = false
    end

    -- Known limitations: recorded, and communicated.
    local limits = doc:get("/considerations/technical_limitations")
    if not present(limits) then
      ctx:fail("/considerations/technical_limitations", "no known technical limitations are "
        .. "recorded, so none can be communicated to users", INFO_LIMITS)
      ok = false
    end
    if info.limitations_communicated ~= true then
      ctx:fail(at .. "/limitations_communicated", ("known limitations are not communicated to "
        .. "users (limitations_communicated is %s)")
        :format(util.show(info.limitations_communicated)), INFO_LIMITS)
      ok = false
    end

    -- Explanations of outputs for a high-risk system.
    local tier = doc.risk_tier
    local high = type(tier) == "string" and tier == ctx.params.high_risk_tier
    if high and not present(info.explanations) then
      ctx:fail(at .. "/explanations", ("risk tier is %s but the card does not say what "
        .. "explanation of its outputs people receive"):format(util.quote(tier)), INFO_DOCS)
      ok = false
    end

    -- Current: recent, and not older than the version it describes.
    local updated_at = at .. "/last_updated"
    local age = util.fresh(ctx, info.last_updated, updated_at, "the last update of the "
      .. "information for users", ctx.params.max_information_age_days, INFO_UPDATE)
    if age then
      local trained = doc:get("/development/training/completed")
      if util.day(trained) and dates.day(info.last_updated) < dates.day(trained) then
        ctx:fail(updated_at, ("the information for users was last updated %s, before version "
          .. "%s was trained (%s): it does not describe this version")
          :format(info.last_updated, util.show(doc.version), trained), INFO_UPDATE)
        ok = false
      end
    else
      ok = false
    end

    if ok then
      ctx:pass(("%s for users; AI use disclosed, limitations communicated; updated %s")
        :format(util.plural(total, "document"), info.last_updated))
    end
  end,
  remediation = {
    util.vendor_task("documentation, known limitations and change notices for customers"),
    { key = INFO_DOCS, owner = "product-management",
      title = "Provide users with documented information (instructions for use, notices) "
        .. "naming audience, document and channel, a contact, the intended users and, for a "
        .. "high-risk system, the explanations of outputs" },
    { key = INFO_DISCLOSE, owner = "product-management",
      title = "Tell people when they interact with or are subject to the AI system" },
    { key = INFO_LIMITS, owner = "ml-engineering",
      title = "Record the system's known limitations and communicate them to its users" },
    { key = INFO_UPDATE, owner = "product-management",
      title = "Update the information for users for the current version and record the date" },
  },
}

-- A.8.3 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local EXT_CHANNEL = "publish-reporting-channel"
local EXT_PROCESS = "document-external-reporting"
local EXT_REVIEW = "review-external-reporting"

-- Checks the address of a reporting channel against its type; returns an error or nil.
local function channel_problem(kind, address)
  if type(address) ~= "string" or not present(address) then return "has no address" end
  if kind == "email" and not re.full(address, "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") then
    return "is of type email but " .. util.quote(address) .. " is not an email address"
  end
  if kind == "web_form" and not re.full(address, "(?i)https?://\\S+") then
    return "is of type web_form but " .. util.quote(address) .. " is not a web address"
  end
  return nil
end

control "A.8.3" {
  title = "Channels for outside parties to report adverse impacts",
  description = "People outside the organisation can report adverse impacts of its AI systems "
    .. "through at least one public channel with a valid address; the route is published, "
    .. "owned, answered within a committed time, its report statistics add up, and the "
    .. "procedure has been reviewed recently.",
  citations = { "A.8.3", "7.4", "4.2" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MANAGE 4.1" } },
  params = {
    -- The longest committed time to respond to a report, in days.
    max_response_days = 30,
    -- The procedure must have been reviewed within this many days.
    max_review_age_days = 365,
  },
  check = function(doc, ctx)
    if util.excluded_by_soa(doc, ctx) then return end
    local er = util.require_object(doc, ctx, "/external_reporting",
      "external reporting procedure", { EXT_CHANNEL, EXT_PROCESS, EXT_REVIEW })
    if er == nil then return end
    local at = "/external_reporting"
    local p = ctx.params
    local ok = util.require_fields(er, at, "the external reporting procedure", {
      { "document", "the controlled document that holds it" },
      { "owner", "who handles reports" },
      { "published_at", "where the reporting route is published" },
    }, ctx, EXT_PROCESS) == 0

    local channels = er.channels
    local public = 0
    if util.shape(channels) ~= "array" then
      ctx:fail(at .. "/channels", "no channel is given for outside parties to report adverse "
        .. "impacts (channels)", EXT_CHANNEL)
      ok = false
    else
      for i = 1, #channels do
        local c, c_at = channels[i], channels:pointer(i)
        local name = "reporting channel #" .. i
        if util.shape(c) ~= "object" then
          ctx:fail(c_at, name .. " must be an object, found " .. util.show(c), EXT_CHANNEL)
          ok = false
        else
          if type(c.type) == "string" then name = name .. " (" .. c.type .. ")" end
          if not present(c.type) then
            ctx:fail(c_at .. "/type", name .. " does not say what kind of channel it is",
              EXT_CHANNEL)
            ok = false
          end
          local problem = channel_problem(c.type, c.address)
          if problem then
            ctx:fail(c_at .. "/address", name .. " " .. problem, EXT_CHANNEL)
            ok = false
          elseif c.public == true then
            public = public + 1
          end
        end
      end
      if public == 0 then
        ctx:fail(at .. "/channels", ("none of the %s is published to the public with a valid "
          .. "address (public: true), so outside parties cannot reach it")
          :format(util.plural(#channels, "reporting channel")), EXT_CHANNEL)
        ok = false
      end
    end

    local days = er.response_time_days
    if days == nil then
      ctx:fail(at .. "/response_time_days", "the procedure commits to no time to respond to a "
        .. "report (response_time_days)", EXT_PROCESS)
      ok = false
    elseif not util.is_integer(days) or days < 0 then
      ctx:fail(at .. "/response_time_days", "response_time_days must be a number of days, "
        .. "found " .. util.show(days), EXT_PROCESS)
      ok = false
    elseif days > p.max_response_days then
      ctx:fail(at .. "/response_time_days", ("reports are answered within %s days; at most %d "
        .. "are allowed"):format(util.nums(days), p.max_response_days), EXT_PROCESS)
      ok = false
    end

    local stats = er.statistics
    if util.shape(stats) == "object" then
      local received, resolved = stats.received, stats.resolved
      for _, key in ipairs({ "received", "resolved" }) do
        local v = stats[key]
        if v ~= nil and (not util.is_integer(v) or v < 0) then
          ctx:fail(at .. "/statistics/" .. key, ("statistics.%s must be a count, found %s")
            :format(key, util.show(v)), EXT_PROCESS)
          ok = false
        end
      end
      if util.is_integer(received) and util.is_integer(resolved) and resolved > received then
        ctx:fail(at .. "/statistics/resolved", ("statistics for %s resolve %s reports but "
          .. "only %s were received"):format(util.show(stats.period), util.nums(resolved),
          util.nums(received)), EXT_PROCESS)
        ok = false
      end
    end

    if not util.fresh(ctx, er.last_reviewed, at .. "/last_reviewed",
        "the last review of the external reporting procedure", p.max_review_age_days,
        EXT_REVIEW) then
      ok = false
    end

    if ok then
      ctx:pass(("%s, %d public; answered within %s days; reviewed %s")
        :format(util.plural(#channels, "reporting channel"), public, util.nums(days),
          er.last_reviewed))
    end
  end,
  remediation = {
    { key = EXT_CHANNEL, owner = "customer-communications",
      title = "Publish at least one public channel, with a working address, for outside "
        .. "parties to report adverse impacts of AI systems" },
    { key = EXT_PROCESS, owner = "customer-communications",
      title = "Document the external reporting procedure: its owner, where it is published, "
        .. "the committed response time and report statistics" },
    { key = EXT_REVIEW, owner = "customer-communications",
      title = "Review the external reporting procedure and record the date" },
  },
}

-- A.8.4 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local INC_PLAN = "plan-incident-communication"
local INC_NOTIFY = "notify-incidents-on-time"
local INC_REVIEW = "review-incident-procedure"
local INC_VENDOR = "agree-vendor-incident-notice"

-- Incident and finding severities, lowest first.
local SEVERITY_RANK = { low = 1, medium = 2, high = 3, critical = 4 }

-- Audiences outside the organisation that an incident plan must reach.
local AFFECTED_AUDIENCES = { users = true, customers = true, affected_individuals = true }

-- Checks the notification commitments; returns the usable ones ({audience, rank, hours}).
local function check_commitments(list, at, ctx, max_hours)
  local usable = {}
  if util.shape(list) ~= "array" then
    ctx:fail(at, "the incident procedure states no notification commitments (who is told, how "
      .. "and how fast)", INC_PLAN)
    return usable, false
  end
  local ok, external = true, false
  for i = 1, #list do
    local c, c_at = list[i], list:pointer(i)
    local name = "notification commitment #" .. i
    if util.shape(c) ~= "object" then
      ctx:fail(c_at, name .. " must be an object, found " .. util.show(c), INC_PLAN)
      ok = false
    else
      if type(c.audience) == "string" then name = name .. " (" .. c.audience .. ")" end
      local complete = util.require_fields(c, c_at, name, {
        { "audience", "who is notified" },
        { "channel", "how they are notified" },
      }, ctx, INC_PLAN) == 0
      if c.audience ~= nil and type(c.audience) ~= "string" then
        ctx:fail(c_at .. "/audience", ("%s must name one audience (users, regulators, ...), "
          .. "found %s"):format(name, util.show(c.audience)), INC_PLAN)
        complete = false
      end
      local rank = SEVERITY_RANK[c.severity]
      if rank == nil then
        ctx:fail(c_at .. "/severity", ("%s does not state the lowest incident severity it "
          .. "applies to, found %s"):format(name, util.show(c.severity)), INC_PLAN)
        complete = false
      end
      local hours = c.within_hours
      if type(hours) ~= "number" or hours <= 0 then
        ctx:fail(c_at .. "/within_hours", ("%s states no time limit in hours, found %s")
          :format(name, util.show(hours)), INC_PLAN)
        complete = false
      elseif hours > max_hours then
        ctx:fail(c_at .. "/within_hours", ("%s allows %s hours to notify; at most %d are "
          .. "allowed"):format(name, util.nums(hours), max_hours), INC_PLAN)
        complete = false
      end
      if complete then
        usable[#usable + 1] = { audience = c.audience, rank = rank, hours = hours }
        if AFFECTED_AUDIENCES[c.audience] then external = true end
      else
        ok = false
      end
    end
  end
  if not external then
    ctx:fail(at, "no notification commitment reaches the people affected by an incident "
      .. "(audience users, customers or affected_individuals)", INC_PLAN)
    ok = false
  end
  return usable, ok
end

-- The earliest time (seconds) an incident was communicated to `audience`, or nil.
local function first_notice(communicated, audience)
  if util.shape(communicated) ~= "array" then return nil end
  local first
  for i = 1, #communicated do
    local n = communicated[i]
    if util.shape(n) == "object" and util.same_party(n.audience, audience) then
      local t = type(n.at) == "string" and dates.time(n.at) or nil
      if t and (first == nil or t < first) then first = t end
    end
  end
  return first
end

-- Checks that every recorded incident was communicated as committed.
local function check_incidents(list, at, commitments, ctx)
  if util.shape(list) ~= "array" then return 0, true end
  local as_of_end = dates.time(ctx.as_of) + 86400
  local ok = true
  for i = 1, #list do
    local inc, i_at = list[i], list:pointer(i)
    local name = util.label("incident", inc, i)
    if util.shape(inc) ~= "object" then
      ctx:fail(i_at, name .. " must be an object, found " .. util.show(inc), INC_NOTIFY)
      ok = false
    else
      local rank = SEVERITY_RANK[inc.severity]
      local detected = type(inc.detected) == "string" and dates.time(inc.detected) or nil
      if rank == nil then
        ctx:fail(i_at .. "/severity", ("%s has no severity (found %s), so it cannot be told "
          .. "whom it had to be communicated to"):format(name, util.show(inc.severity)),
          INC_NOTIFY)
        ok = false
      end
      if detected == nil then
        ctx:fail(i_at .. "/detected", ("%s has no detection time (found %s)")
          :format(name, util.show(inc.detected)), INC_NOTIFY)
        ok = false
      end
      if rank and detected then
        for _, c in ipairs(commitments) do
          if rank >= c.rank then
            local deadline = detected + c.hours * 3600
            local sent = first_notice(inc.communicated, c.audience)
            if sent == nil then
              if deadline < as_of_end then
                ctx:fail(i_at .. "/communicated", ("%s (severity %s, detected %s) was not "
                  .. "communicated to %s; the procedure requires it within %s hours")
                  :format(name, inc.severity, inc.detected, c.audience, util.nums(c.hours)),
                  INC_NOTIFY)
                ok = false
              end
            elseif sent > deadline then
              ctx:fail(i_at .. "/communicated", ("%s (severity %s) was communicated to %s %.1f "
                .. "hours after detection; the procedure requires it within %s hours")
                :format(name, inc.severity, c.audience, (sent - detected) / 3600,
                  util.nums(c.hours)), INC_NOTIFY)
              ok = false
            end
          end
        end
      end
    end
  end
  return #list, ok
end

-- Organisation: the incident procedure, its commitments, and the incidents recorded under it.
local function check_incident_management(doc, ctx)
  local im = util.require_object(doc, ctx, "/incident_management", "AI incident procedure",
    { INC_PLAN, INC_REVIEW })
  if im == nil then return end
  local at = "/incident_management"
  local p = ctx.params
  local ok = util.require_fields(im, at, "the AI incident procedure", {
    { "document", "the controlled document that holds it" },
    { "owner", "an owner" },
  }, ctx, INC_PLAN) == 0
  local commitments, c_ok = check_commitments(im.notification_commitments,
    at .. "/notification_commitments", ctx, p.max_notification_hours)
  ok = ok and c_ok
  local n, i_ok = check_incidents(im.incidents, at .. "/incidents", commitments, ctx)
  ok = ok and i_ok
  if not util.fresh(ctx, im.last_reviewed, at .. "/last_reviewed",
      "the last review of the AI incident procedure", p.max_review_age_days, INC_REVIEW) then
    ok = false
  end
  if ok then
    ctx:pass(("%s; %s communicated as committed; reviewed %s")
      :format(util.plural(#commitments, "notification commitment"), util.plural(n, "incident"),
        im.last_reviewed))
  end
end

-- Model card: how this system's incidents reach its users.
local function check_card_incidents(doc, ctx)
  local ic = util.require_object(doc, ctx, "/incident_communication",
    "incident communication for the system's users", INC_PLAN)
  if ic == nil then return end
  local at = "/incident_communication"
  local name = "the system's incident communication"
  local ok = util.require_fields(ic, at, name, {
    { "runbook", "the incident runbook" },
    { "contact", "an incident contact" },
  }, ctx, INC_PLAN) == 0
  local _, all = util.check_strings(ctx, ic.channels, at .. "/channels", name,
    "channels to notify users", INC_PLAN, true)
  if not all then ok = false end
  local hours = ic.user_notification_hours
  local max = ctx.params.max_notification_hours
  if type(hours) ~= "number" or hours <= 0 then
    ctx:fail(at .. "/user_notification_hours", ("%s states no time limit for notifying users, "
      .. "found %s"):format(name, util.show(hours)), INC_PLAN)
    ok = false
  elseif hours > max then
    ctx:fail(at .. "/user_notification_hours", ("users are notified of incidents within %s "
      .. "hours; at most %d are allowed"):format(util.nums(hours), max), INC_PLAN)
    ok = false
  end
  if ok then
    ctx:pass(("users notified within %s hours through %s; runbook %s")
      :format(util.nums(hours), util.plural(#ic.channels, "channel"), util.show(ic.runbook)))
  end
end

-- Vendor: its commitment to notify the customer of incidents, AI failures included.
local function check_vendor_incidents(doc, ctx)
  local inc = util.require_object(doc, ctx, "/incident_notification",
    "vendor's incident notification commitment", INC_VENDOR)
  if inc == nil then return end
  local at = "/incident_notification"
  local ok = true
  if inc.committed ~= true then
    ctx:fail(at .. "/committed", ("the vendor does not commit to notifying incidents "
      .. "(committed is %s)"):format(util.show(inc.committed)), INC_VENDOR)
    ok = false
  end
  if inc.contractual ~= true then
    ctx:fail(at .. "/contractual", ("the vendor's incident notification is not in the contract "
      .. "(contractual is %s)"):format(util.show(inc.contractual)), INC_VENDOR)
    ok = false
  end
  if not present(inc.channel) then
    ctx:fail(at .. "/channel", "the vendor does not say how it notifies incidents (channel)",
      INC_VENDOR)
    ok = false
  end
  local hours = inc.hours
  -- The same limit as A.10.3 puts on suppliers (the pack-wide max_incident_notification_days).
  local max_days = ctx.params.max_incident_notification_days
  if type(hours) ~= "number" or hours <= 0 then
    ctx:fail(at .. "/hours", ("the vendor states no time limit for notifying incidents, found %s")
      :format(util.show(hours)), INC_VENDOR)
    ok = false
  elseif hours > max_days * 24 then
    ctx:fail(at .. "/hours", ("the vendor notifies incidents within %s hours (%s days); at most "
      .. "%d days are allowed"):format(util.nums(hours), util.nums(hours / 24), max_days),
      INC_VENDOR)
    ok = false
  end
  local covers = util.set_of(inc.covers)
  if not covers.model_failure then
    ctx:fail(at .. "/covers", "the vendor's notifications do not cover AI model failures "
      .. "(covers lacks model_failure)", INC_VENDOR)
    ok = false
  end
  local answer = doc:get("/answers/INC-01/answer")
  if inc.committed == true and answer ~= nil and answer ~= "yes" then
    ctx:fail("/answers/INC-01/answer", ("INC-01 is answered %s, which contradicts the stated "
      .. "incident notification commitment"):format(util.show(answer)), INC_VENDOR)
    ok = false
  end
  if ok then
    ctx:pass(("the vendor notifies within %s hours by contract, model failures included")
      :format(util.nums(hours)))
  end
end

control "A.8.4" {
  title = "Communicating AI incidents",
  description = "A reviewed incident procedure commits to notifying management, the people "
    .. "affected and other parties within stated hours, and each recorded incident was "
    .. "communicated to every audience its severity required, on time; each AI system says "
    .. "how and how fast its users are told; a supplier commits by contract to notifying AI "
    .. "incidents.",
  citations = { "A.8.4", "7.4", "8.1" },
  applies_to = { "organization", "model_card", "vendor_questionnaire" },
  severity = "high",
  crosswalk = { nist_ai_rmf = { "MEASURE 2.1" }, eu_ai_act = { "Art. 73" } },
  params = {
    -- The longest time the organisation may take to notify any audience, in hours (a supplier
    -- notifying the organisation is held to the pack-wide max_incident_notification_days).
    max_notification_hours = 72,
    -- The incident procedure must have been reviewed within this many days.
    max_review_age_days = 365,
  },
  check = function(doc, ctx)
    local kind = doc.kind
    if kind == "organization" then
      if util.excluded_by_soa(doc, ctx) then return end
      return check_incident_management(doc, ctx)
    elseif kind == "model_card" then
      return check_card_incidents(doc, ctx)
    end
    return check_vendor_incidents(doc, ctx)
  end,
  remediation = {
    { key = INC_PLAN, owner = "incident-management",
      title = "Document whom AI incidents are communicated to (users, customers, affected "
        .. "individuals, regulators), through which channel and within how many hours" },
    { key = INC_NOTIFY, owner = "incident-management",
      title = "Communicate each AI incident to every audience its severity requires within "
        .. "the committed time, and record when" },
    { key = INC_REVIEW, owner = "incident-management",
      title = "Review the AI incident procedure and record the date" },
    { key = INC_VENDOR, owner = "procurement",
      title = "Agree in the contract that the supplier notifies AI incidents, model failures "
        .. "included, through a named channel within a stated time" },
  },
}

-- A.8.5 ---------------------------------------------------------------------------------------

-- Remediation keys: which task fixes which violation.
local OBL_RECORD = "record-reporting-obligations"
local OBL_MEET = "meet-reporting-obligations"

control "A.8.5" {
  title = "Reporting obligations towards interested parties",
  description = "The information the organisation owes interested parties such as regulators "
    .. "and business partners is identified, each obligation with its recipient, basis, "
    .. "frequency and owner, and is met: last provided within its period and not overdue.",
  citations = { "A.8.5", "4.2", "7.4" },
  applies_to = { "organization" },
  severity = "medium",
  crosswalk = { nist_ai_rmf = { "MANAGE 4.3" } },
  check = function(doc, ctx)
    if util.excluded_by_soa(doc, ctx) then return end
    local list = util.require_list(doc, ctx, "/reporting_obligations", "reporting obligations",
      { OBL_RECORD, OBL_MEET })
    if list == nil then return end
    local today = util.today(ctx)
    local met = 0
    for i = 1, #list do
      local o, at = list[i], list:pointer(i)
      local name = util.label("reporting obligation", o, i)
      if util.shape(o) ~= "object" then
        ctx:fail(at, name .. " must be an object, found " .. util.show(o), OBL_RECORD)
      else
        local ok = util.require_fields(o, at, name, {
          { "id", "an id" },
          { "party", "who receives the information" },
          { "information", "what is provided" },
          { "basis", "why it is owed (legal, regulatory, contractual, voluntary)" },
          { "owner", "who provides it" },
        }, ctx, OBL_RECORD) == 0
        -- A continuous obligation, like an ad hoc one, has no period to fall behind.
        local period = o.frequency ~= "continuous" and util.frequency_days(o.frequency) or nil
        if o.frequency == nil then
          ctx:fail(at .. "/frequency", name .. " does not say how often it is due (frequency)",
            OBL_RECORD)
          ok = false
        end
        local last = o.last_provided
        local last_age
        if last == nil then
          if o.frequency ~= "ad_hoc" then
            ctx:fail(at .. "/last_provided", name .. " has never been provided (last_provided)",
              OBL_MEET)
            ok = false
          end
        else
          last_age = util.age_in_days(ctx, last, at .. "/last_provided", name
            .. ": last_provided", OBL_MEET)
          if last_age == nil then
            ok = false
          elseif period and last_age > period then
            ctx:fail(at .. "/last_provided", ("%s is %s but was last provided %s, %d days "
              .. "before %s"):format(name, o.frequency, last, last_age, ctx.as_of), OBL_MEET)
            ok = false
          end
        end
        local due = o.next_due
        local due_day = util.day(due)
        if due == nil then
          if period then
            ctx:fail(at .. "/next_due", name .. " does not say when it is next due (next_due)",
              OBL_RECORD)
            ok = false
          end
        elseif due_day == nil then
          ctx:fail(at .. "/next_due", ("%s: next_due %s is not a date")
            :format(name, util.show(due)), OBL_RECORD)
          ok = false
        else
          local last_day = last_age and util.day(last)
          if due_day < today then
            if last_day and last_day >= due_day then
              ctx:fail(at .. "/next_due", ("%s was provided %s but its next_due (%s) was not "
                .. "moved on"):format(name, last, due), OBL_RECORD)
            else
              ctx:fail(at .. "/next_due", ("%s was due %s, %d days before %s, and has not been "
                .. "provided since"):format(name, due, today - due_day, ctx.as_of), OBL_MEET)
            end
            ok = false
          end
          if last_day and period and due_day > last_day + period then
            ctx:fail(at .. "/next_due", ("%s is %s, but next_due %s is %d days after it was "
              .. "last provided (%s)"):format(name, o.frequency, due, due_day - last_day, last),
              OBL_RECORD)
            ok = false
          end
        end
        if ok then met = met + 1 end
      end
    end
    if met == #list then
      ctx:pass(("%d/%d reporting obligations identified and met on schedule")
        :format(met, #list))
    end
  end,
  remediation = {
    { key = OBL_RECORD, owner = "compliance",
      title = "Record every reporting obligation towards interested parties with its recipient, "
        .. "content, basis, frequency, owner and next due date" },
    { key = OBL_MEET, owner = "compliance",
      title = "Provide the overdue information to the interested party and record the date" },
  },
}
