// Answers: everyone who shares at least one claim with one expert, read two hops out from that expert and no
// further, as counts only (ranking needs no quotes): per other expert the shared claims they agree and disagree
// on, and the claims each side takes a stance on (the denominators of the average, Jaccard and cosine
// normalizations). The evidence of the top-ranked ones comes from allies-evidence.cypher. Unordered: the caller
// ranks (by score, then name and id), and sorting every candidate of a prolific expert by id cost more than the rest.
// Counted by claim (Graph.Queries StanceRule: an expert may take a stance on a claim in several documents): a claim
// counts as agreed when they share a polarity, as disagreed when they hold opposite ones (both, when one of them took
// both positions). Distinct claims per candidate, not a group per candidate and claim: at 10k experts / 100k stances
// (expert-000000, 9,872 candidates) this costs ~10% more than counting stance pairs; a group per claim cost 2.5x.
// params: {"expertId": "raul-delgado-wise"}
MATCH (e:Expert {id: $expertId})
OPTIONAL MATCH (e)-[:ENDORSES|CRITICIZES]->(x:Claim)
WITH e, count(DISTINCT x) AS claimsA
MATCH (e)-[se:ENDORSES|CRITICIZES]->(c:Claim)<-[so:ENDORSES|CRITICIZES]-(o:Expert)
WHERE o <> e
WITH claimsA, o, count(DISTINCT CASE WHEN type(se) = type(so) THEN c END) AS agree,
     count(DISTINCT CASE WHEN type(se) <> type(so) THEN c END) AS disagree, count(DISTINCT c) AS shared
OPTIONAL MATCH (o)-[:ENDORSES|CRITICIZES]->(y:Claim)
RETURN o.id AS expert, coalesce(o.name, o.id) AS name, agree, disagree, shared, claimsA, count(DISTINCT y) AS claimsB
