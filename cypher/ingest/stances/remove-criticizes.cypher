// Removes CRITICIZES stances that graph-data no longer holds (or that changed polarity). $rows: [{expert, claim, source}]
UNWIND $rows AS row
MATCH (:Expert {id: row.expert})-[r:CRITICIZES]->(:Claim {id: row.claim})
WHERE r.source = row.source
DELETE r
