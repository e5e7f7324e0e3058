// Removes derived AGREES_WITH pairs that no longer share a claim. $rows: [{a, b}]
UNWIND $rows AS row
MATCH (:Expert {id: row.a})-[r:AGREES_WITH]->(:Expert {id: row.b})
DELETE r
