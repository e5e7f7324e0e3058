// How many stance relationships each (expert, claim) has per type, across all documents (an incremental load: an
// expert takes part in a claim's network once, however many documents record the stance). $rows: [{expert, claim}]
UNWIND $rows AS row
MATCH (:Expert {id: row.expert})-[r:ENDORSES|CRITICIZES]->(:Claim {id: row.claim})
RETURN row.expert AS expert, row.claim AS claim, type(r) AS type, count(r) AS count
