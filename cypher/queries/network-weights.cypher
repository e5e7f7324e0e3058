// Answers: the derived discourse network without its evidence: each AGREES_WITH / DISAGREES_WITH with its
// weight (number of shared claims) only, small enough to hold in memory for path finding on large graphs.
// params: {}
MATCH (a:Expert)-[r:AGREES_WITH|DISAGREES_WITH]->(b:Expert)
RETURN a.id AS source, b.id AS target, type(r) AS relType, r.weight AS weight
