// Answers: how many distinct claims each of the given experts takes a stance on (the denominators of the
// average, Jaccard and cosine normalizations).
// params: {"ids": ["raul-delgado-wise", "jorge-martinez-pizarro"]}
MATCH (e:Expert)-[:ENDORSES|CRITICIZES]->(c:Claim)
WHERE e.id IN $ids
RETURN e.id AS expert, count(DISTINCT c) AS claims
ORDER BY expert
