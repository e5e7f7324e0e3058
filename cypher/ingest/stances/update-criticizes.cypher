// Replaces the properties of (:Expert)-[:CRITICIZES]->(:Claim) stances whose content changed; a stance is identified by
// its document (source), expert and claim.
// $rows: [{expert, claim, source, properties: {quote, source, coder, section, line, confidence, note?, session?, hash}}]
UNWIND $rows AS row
MATCH (:Expert {id: row.expert})-[r:CRITICIZES]->(:Claim {id: row.claim})
WHERE r.source = row.source
SET r = row.properties
