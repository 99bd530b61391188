override "A.6.2.4" { severity = "critical" }
override "A.6.2.40" { severity = "low" }
