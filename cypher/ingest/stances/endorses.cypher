// Creates or replaces (:Expert)-[:ENDORSES]->(:Claim) stances that are new or changed.
// $rows: [{expert, claim, properties: {quote, source, section, line, confidence, note?, session?, hash}}]
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert})
MATCH (c:Claim {id: row.claim})
MERGE (e)-[r:ENDORSES]->(c)
SET r = row.properties
