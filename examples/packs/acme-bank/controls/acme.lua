-- Acme Bank's own controls. Each cites the ISO/IEC 42001 requirements it helps meet.

-- Every production model names an accountable executive, who holds a role in the AIMS record.
control "ACME-1" {
  title = "Every production model has a named accountable executive",
  description = "A model card in production names the executive accountable for it "
    .. "(owner.accountable), and that person holds a role in the organisation's AIMS record.",
  citations = { "A.3.2", "5.3" },
  applies_to = { "model_card" },
  severity = "high",
  check = function(doc, ctx)
    if doc.lifecycle_stage ~= "production" then
      return ctx:not_applicable("the model is not in production")
    end
    local accountable = doc:get("/owner/accountable")
    if not present(accountable) then
      return ctx:fail("/owner/accountable", "no accountable executive is named", "name-executive")
    end
    local org = ctx:find("organization", doc.organization or "")
    if org == nil then
      return ctx:insufficient("/organization", ("the AIMS record %q is not among the evidence")
        :format(tostring(doc.organization)), "name-executive")
    end
    for _, role in ipairs(org.roles or {}) do
      if role.holder == accountable then
        return ctx:pass(("%s holds the role %s"):format(accountable, role.role))
      end
    end
    ctx:fail("/owner/accountable", ("%s holds no role in the AIMS record %s")
      :format(accountable, org.id), "assign-role")
  end,
  remediation = {
    { key = "name-executive", title = "Name the accountable executive in the model card",
      owner = "model-owner" },
    { key = "assign-role", title = "Record the executive's role in the AIMS record",
      owner = "ai-governance" },
  },
}

-- A high-risk credit model keeps a human in the loop: a person decides, the model advises.
control "ACME-2" {
  title = "High-risk credit models keep a human in the loop",
  description = "A model card whose risk tier is high and whose intended purpose is credit "
    .. "records human oversight in the human_in_the_loop mode.",
  citations = { "A.9.2", "A.9.3" },
  applies_to = { "model_card" },
  severity = "critical",
  check = function(doc, ctx)
    local purpose = doc.intended_purpose
    if doc.risk_tier ~= ctx.params.high_risk_tier or type(purpose) ~= "string"
        or not re.test(purpose, ctx.params.credit_purpose_pattern) then
      return ctx:not_applicable("not a high-risk credit model")
    end
    local mode = doc:get("/human_oversight/mode")
    if mode ~= "human_in_the_loop" then
      ctx:fail("/human_oversight/mode", ("a high-risk credit model needs human_in_the_loop "
        .. "oversight, found %s"):format(tostring(mode)))
    end
  end,
  remediation = {
    { key = "human-in-the-loop", title = "Have a person decide on every credit application",
      owner = "credit-risk" },
  },
}
