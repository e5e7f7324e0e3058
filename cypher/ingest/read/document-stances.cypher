// The stances of some documents with their content hash (an incremental load). $documents: [id]
MATCH (e:Expert)-[r:ENDORSES|CRITICIZES]->(c:Claim)
WHERE r.source IN $documents
RETURN e.id AS expert, c.id AS claim, type(r) AS type, r.source AS source, r.hash AS hash
