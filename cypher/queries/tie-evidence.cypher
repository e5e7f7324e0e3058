// Answers: the claims behind the ties of given expert pairs (from[i], to[i]; AGREES_WITH / DISAGREES_WITH in
// either direction), fetched only for the hops of the paths found.
// params: {"from": ["raul-delgado-wise"], "to": ["jorge-martinez-pizarro"]}
UNWIND range(0, size($from) - 1) AS i
MATCH (a:Expert {id: $from[i]})-[r:AGREES_WITH|DISAGREES_WITH]-(b:Expert {id: $to[i]})
RETURN a.id AS source, b.id AS target, type(r) AS relType, r.weight AS weight, coalesce(r.claims, []) AS claims
