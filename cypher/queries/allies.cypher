// Answers: everyone who shares at least one claim with one expert, read two hops out from that expert and no
// further, as counts only (ranking needs no quotes): per other expert the shared claims they agree and disagree
// on, and the claims each side takes a stance on (the denominators of the average, Jaccard and cosine
// normalizations). The evidence of the top-ranked ones comes from allies-evidence.cypher. Unordered: the caller
// ranks (by score, then name and id), and sorting every candidate of a prolific expert by id cost more than the rest.
// params: {"expertId": "raul-delgado-wise"}
MATCH (e:Expert {id: $expertId})
WITH e, size([(e)-[:ENDORSES|CRITICIZES]->(x:Claim) | x]) AS claimsA
MATCH (e)-[se:ENDORSES|CRITICIZES]->(:Claim)<-[so:ENDORSES|CRITICIZES]-(o:Expert)
WHERE o <> e
WITH claimsA, o, sum(CASE WHEN type(se) = type(so) THEN 1 ELSE 0 END) AS agree, count(*) AS shared
RETURN o.id AS expert, coalesce(o.name, o.id) AS name, agree, shared - agree AS disagree, claimsA,
       size([(o)-[:ENDORSES|CRITICIZES]->(y:Claim) | y]) AS claimsB
