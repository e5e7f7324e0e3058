// Replaces the properties of (:Expert)-[:CRITICIZES]->(:Claim) stances whose content changed.
// $rows: [{expert, claim, properties: {quote, source, section, line, confidence, note?, session?, hash}}]
UNWIND $rows AS row
MATCH (:Expert {id: row.expert})-[r:CRITICIZES]->(:Claim {id: row.claim})
SET r = row.properties
