// Answers: everyone who shares at least one claim with one expert, read two hops out from that expert and no
// further, as counts only (ranking needs no quotes): per other expert the shared claims they agree and disagree
// on, and the claims each side takes a stance on (the denominators of the average, Jaccard and cosine
// normalizations). The evidence of the top-ranked ones comes from allies-evidence.cypher. Unordered: the caller
// ranks (by score, then name and id), and sorting every candidate of a prolific expert by id cost more than the rest.
// Counted by claim, over the distinct polarities each takes on it across documents (Graph.Queries StanceRule): a
// claim counts as agreed when they share a polarity, as disagreed when they hold opposite ones (both, when one of
// them took both positions).
// params: {"expertId": "raul-delgado-wise"}
MATCH (e:Expert {id: $expertId})
OPTIONAL MATCH (e)-[:ENDORSES|CRITICIZES]->(x:Claim)
WITH e, count(DISTINCT x) AS claimsA
MATCH (e)-[se:ENDORSES|CRITICIZES]->(c:Claim)<-[so:ENDORSES|CRITICIZES]-(o:Expert)
WHERE o <> e
WITH claimsA, o, c, collect(DISTINCT type(se)) AS mine, collect(DISTINCT type(so)) AS theirs
WITH claimsA, o,
     sum(CASE WHEN any(t IN mine WHERE t IN theirs) THEN 1 ELSE 0 END) AS agree,
     sum(CASE WHEN any(t IN mine WHERE any(u IN theirs WHERE u <> t)) THEN 1 ELSE 0 END) AS disagree,
     count(c) AS shared
OPTIONAL MATCH (o)-[:ENDORSES|CRITICIZES]->(y:Claim)
RETURN o.id AS expert, coalesce(o.name, o.id) AS name, agree, disagree, shared, claimsA, count(DISTINCT y) AS claimsB
