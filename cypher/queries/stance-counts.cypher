// Answers: how many distinct claims each of the given experts takes a stance on (the denominators of the
// average, Jaccard and cosine normalizations).
// params: {"ids": ["raul-delgado-wise", "jorge-martinez-pizarro"]}
UNWIND $ids AS id
MATCH (e:Expert {id: id})-[:ENDORSES|CRITICIZES]->(c:Claim)
RETURN e.id AS expert, count(DISTINCT c) AS claims
ORDER BY expert
