// Answers: the display names of given experts (the id when an expert has no name).
// params: {"ids": ["raul-delgado-wise", "jorge-martinez-pizarro"]}
UNWIND $ids AS id
MATCH (e:Expert {id: id})
RETURN e.id AS id, coalesce(e.name, e.id) AS name
ORDER BY id
