// Removes derived DISAGREES_WITH pairs that no longer share a claim. $rows: [{a, b}]
UNWIND $rows AS row
MATCH (:Expert {id: row.a})-[r:DISAGREES_WITH]->(:Expert {id: row.b})
DELETE r
