// Answers: one claim with its paradigm alignments, related claims, and every stance on it (quote, section, line,
// confidence, note, and the document it was coded in: one stance per expert and document).
// params: {"claimId": "remittances-lever-of-development"}
MATCH (c:Claim {id: $claimId})
OPTIONAL MATCH (c)-[a:ALIGNS_WITH]->(p:Paradigm)
WITH c, collect(CASE WHEN p IS NULL THEN NULL ELSE {id: p.id, name: p.name, sign: a.sign} END) AS paradigms
OPTIONAL MATCH (c)-[r:SUPPORTS|CONTRADICTS]-(other:Claim)
WITH c, paradigms,
     collect(CASE WHEN other IS NULL THEN NULL
                  ELSE {kind: CASE WHEN startNode(r) = c THEN toLower(type(r)) ELSE toLower(type(r)) + ' (inverse)' END, id: other.id, text: other.text} END) AS relations
OPTIONAL MATCH (e:Expert)-[s:ENDORSES|CRITICIZES]->(c)
OPTIONAL MATCH (d:Source {id: s.source})
RETURN c.id AS id, c.text AS text, c.topic AS topic, paradigms, relations,
       collect(CASE WHEN e IS NULL THEN NULL
                    ELSE {expert: e.id, name: e.name, stance: type(s), quote: s.quote, section: s.section, line: s.line, confidence: s.confidence, note: s.note,
                          document: s.source, documentTitle: d.title, documentDate: toString(d.date)} END) AS stances
