// Updates derived DISAGREES_WITH pairs whose claims changed.
// $rows: [{a, b, weight, claims: [claim ids in order]}]
UNWIND $rows AS row
MATCH (:Expert {id: row.a})-[r:DISAGREES_WITH]->(:Expert {id: row.b})
SET r.weight = row.weight, r.claims = row.claims
