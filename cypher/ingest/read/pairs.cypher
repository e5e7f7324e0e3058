// The stored claims of some derived pairs (an incremental load updates only the pairs its stances touch).
// $rows: [{a, b, type}]
UNWIND $rows AS row
MATCH (:Expert {id: row.a})-[r:AGREES_WITH|DISAGREES_WITH]->(:Expert {id: row.b})
WHERE type(r) = row.type
RETURN row.a AS a, row.b AS b, type(r) AS type, r.claims AS claims
