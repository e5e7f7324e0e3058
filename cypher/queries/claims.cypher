// Answers: every claim with its paradigm alignments, one row per alignment (paradigm null when it has none).
// params: {}
MATCH (c:Claim)
OPTIONAL MATCH (c)-[a:ALIGNS_WITH]->(p:Paradigm)
RETURN c.id AS id, c.text AS text, c.topic AS topic, p.id AS paradigm, a.sign AS sign
ORDER BY id, paradigm
