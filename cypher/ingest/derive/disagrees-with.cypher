// Creates or updates derived DISAGREES_WITH pairs (discourse network analysis). The plan computes the network from the
// post-load stances and passes only the pairs that are new or whose claims changed, so a reload writes nothing.
// One relationship per pair, from the expert with the smaller id to the larger; weight = number of claims.
// $rows: [{a, b, weight, claims: [claim ids in order]}]
UNWIND $rows AS row
MATCH (a:Expert {id: row.a})
MATCH (b:Expert {id: row.b})
MERGE (a)-[r:DISAGREES_WITH]->(b)
SET r.weight = row.weight, r.claims = row.claims
