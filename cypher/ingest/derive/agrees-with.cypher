// The congruence network of discourse network analysis: two experts agree on a claim when both endorse it or
// both criticize it. One relationship per pair, from the smaller id to the larger; weight = number of such
// claims, claims = their ids in order. Only pairs whose claims changed are written, so a reload without
// changes writes nothing.
MATCH (a:Expert)-[s:ENDORSES|CRITICIZES]->(c:Claim)<-[t:ENDORSES|CRITICIZES]-(b:Expert)
WHERE a.id < b.id AND type(s) = type(t)
WITH a, b, c.id AS claim
ORDER BY claim
WITH a, b, collect(claim) AS claims
MERGE (a)-[r:AGREES_WITH]->(b)
WITH r, claims
WHERE r.claims IS NULL OR r.claims <> claims
SET r.weight = size(claims), r.claims = claims;

// Pairs that no longer share a claim lose their AGREES_WITH.
MATCH (a:Expert)-[r:AGREES_WITH]->(b:Expert)
OPTIONAL MATCH (a)-[s:ENDORSES|CRITICIZES]->(c:Claim)<-[t:ENDORSES|CRITICIZES]-(b)
WHERE type(s) = type(t)
WITH r, count(c) AS shared
WHERE shared = 0
DELETE r
