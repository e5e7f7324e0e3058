// Answers: the display names of given experts (the id when an expert has no name).
// params: {"ids": ["raul-delgado-wise", "jorge-martinez-pizarro"]}
MATCH (e:Expert)
WHERE e.id IN $ids
RETURN e.id AS id, coalesce(e.name, e.id) AS name
ORDER BY id
