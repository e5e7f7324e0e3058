// Removes ENDORSES stances that graph-data no longer holds (or that changed polarity). $rows: [{expert, claim}]
UNWIND $rows AS row
MATCH (:Expert {id: row.expert})-[r:ENDORSES]->(:Claim {id: row.claim})
DELETE r
