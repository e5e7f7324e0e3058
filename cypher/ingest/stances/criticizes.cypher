// Creates (:Expert)-[:CRITICIZES]->(:Claim) stances that the store does not hold yet (the plan knows which: it diffed the
// store in the same transaction), so no existence check per row.
// $rows: [{expert, claim, properties: {quote, source, coder, section, line, confidence, note?, session?, hash}}]
UNWIND $rows AS row
MATCH (e:Expert {id: row.expert})
MATCH (c:Claim {id: row.claim})
CREATE (e)-[r:CRITICIZES]->(c)
SET r = row.properties
