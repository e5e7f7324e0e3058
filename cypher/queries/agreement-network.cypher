// Answers: the derived discourse network, AGREES_WITH and DISAGREES_WITH between experts with weight
// (number of shared claims) and the claim ids; stored once per pair, so matched in the stored direction.
// params: {}
MATCH (a:Expert)-[r:AGREES_WITH|DISAGREES_WITH]->(b:Expert)
RETURN a.id AS source, b.id AS target, type(r) AS relType, r.weight AS weight, coalesce(r.claims, []) AS claims
ORDER BY source, target, relType
