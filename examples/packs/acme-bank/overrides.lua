-- Where Acme's policy is stricter than the bundled pack.

-- Fairness: a high-risk model reports its validation metrics for at least three groups of
-- people, not two.
override "A.6.2.4" {
  params = { min_fairness_groups = 3 },
}
