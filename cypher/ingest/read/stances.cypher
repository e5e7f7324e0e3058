// The loaded stances with their content hash: the plan compares them with graph-data.
MATCH (e:Expert)-[r:ENDORSES|CRITICIZES]->(c:Claim)
RETURN e.id AS expert, c.id AS claim, type(r) AS type, r.source AS source, r.hash AS hash
