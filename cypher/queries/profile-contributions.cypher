// Answers: what each stance of the given experts contributes to a paradigm: +1 for endorsing a claim that
// supports it, -1 for criticizing one; a claim that opposes the paradigm flips the sign.
// params: {"expertIds": ["raul-delgado-wise"]}
MATCH (e:Expert)-[s:ENDORSES|CRITICIZES]->(c:Claim)-[a:ALIGNS_WITH]->(p:Paradigm)
WHERE e.id IN $expertIds
RETURN e.id AS expert, p.id AS paradigm, c.id AS claim, type(s) AS stance, a.sign AS sign,
       (CASE type(s) WHEN 'ENDORSES' THEN 1 ELSE -1 END) * a.sign AS contribution, s.quote AS quote
ORDER BY expert, paradigm, claim
