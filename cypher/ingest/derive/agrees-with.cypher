// Creates derived AGREES_WITH pairs (discourse network analysis) that the store does not hold yet. The plan computes
// the network from the post-load stances and diffs it against the stored pairs in the same transaction, so a reload
// writes nothing. One relationship per pair, from the expert with the smaller id to the larger; weight = number of claims.
// $rows: [{a, b, weight, claims: [claim ids in order]}]
UNWIND $rows AS row
MATCH (a:Expert {id: row.a})
MATCH (b:Expert {id: row.b})
CREATE (a)-[:AGREES_WITH {weight: row.weight, claims: row.claims}]->(b)
