// Updates derived AGREES_WITH pairs whose claims changed.
// $rows: [{a, b, weight, claims: [claim ids in order]}]
UNWIND $rows AS row
MATCH (:Expert {id: row.a})-[r:AGREES_WITH]->(:Expert {id: row.b})
SET r.weight = row.weight, r.claims = row.claims
