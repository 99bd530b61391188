local memo = require "memo"
local count = 0
local previous = {}
local Class = {}
Class.__index = Class

control "A.6.2.2" {
  title = "Counts documents in an upvalue",
  citations = { "A.6.2.2" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    count = count + 1
    if count > 1 then ctx:fail(nil, ("document number %d"):format(count)) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}

control "A.6.2.3" {
  title = "Remembers the previous id in a table",
  citations = { "A.6.2.3" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    if previous.id ~= nil then ctx:fail("/id", "came after " .. previous.id) end
    previous.id = doc.id
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}

control "A.6.2.4" {
  title = "Remembers through a lib",
  citations = { "A.6.2.4" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    local n = memo.remember(doc.id)
    if n > 1 then ctx:fail(nil, ("the lib has seen %d documents"):format(n)) end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}

control "A.6.2.5" {
  title = "Hides the previous id on a metatable",
  citations = { "A.6.2.5" }, applies_to = { "model_card" }, severity = "high",
  check = function(doc, ctx)
    local hidden = getmetatable(Class)
    if hidden ~= nil then ctx:fail(nil, "came after " .. tostring(hidden.seen)) end
    setmetatable(Class, { seen = doc.id })
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}

control "A.6.2.6" {
  title = "Well behaved: passes when the id is set",
  citations = { "A.6.2.6" }, applies_to = { "model_card" }, severity = "low",
  check = function(doc, ctx)
    if doc.id == nil then ctx:fail("/id", "no id") end
  end,
  remediation = { { key = "k", title = "T", owner = "o" } },
}
