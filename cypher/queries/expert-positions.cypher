// Answers: the positions of one expert: each stance with its claim, polarity, quote and section, the document it was
// coded in (an expert may take a stance on the same claim in several documents: one row each), and the paradigms
// the claim aligns with (one row per alignment; paradigm null for an unaligned claim).
// params: {"expertId": "raul-delgado-wise"}
MATCH (e:Expert {id: $expertId})-[s:ENDORSES|CRITICIZES]->(c:Claim)
OPTIONAL MATCH (d:Source {id: s.source})
OPTIONAL MATCH (c)-[a:ALIGNS_WITH]->(p:Paradigm)
RETURN c.id AS claim, c.text AS text, c.topic AS topic, type(s) AS stance, s.quote AS quote,
       s.section AS section, coalesce(s.confidence, 1.0) AS confidence,
       s.source AS document, d.title AS documentTitle, toString(d.date) AS documentDate,
       p.id AS paradigm, p.name AS paradigmName, a.sign AS sign
ORDER BY claim, documentDate, document, paradigm
