switch_off "A.6.2.4" { justification = "models are validated by the group's model risk team" }
