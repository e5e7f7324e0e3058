// Answers: every stance (who endorses or criticizes which claim), with its quote and section.
// params: {}
MATCH (e:Expert)-[s:ENDORSES|CRITICIZES]->(c:Claim)
RETURN e.id AS expert, c.id AS claim, type(s) AS stance, s.quote AS quote, s.section AS section,
       coalesce(s.confidence, 1.0) AS confidence
ORDER BY expert, claim
