// Answers: the expert, institution, claim or paradigm whose id is exactly $id (one index seek per label), so
// that naming an entity by id does not load every name of a large graph.
// params: {"id": "raul-delgado-wise"}
MATCH (n:Expert {id: $id}) RETURN 'Expert' AS kind, n.id AS id, coalesce(n.name, n.id) AS name
UNION ALL
MATCH (n:Institution {id: $id}) RETURN 'Institution' AS kind, n.id AS id, coalesce(n.name, n.id) AS name
UNION ALL
MATCH (n:Claim {id: $id}) RETURN 'Claim' AS kind, n.id AS id, coalesce(n.text, n.id) AS name
UNION ALL
MATCH (n:Paradigm {id: $id}) RETURN 'Paradigm' AS kind, n.id AS id, coalesce(n.name, n.id) AS name
