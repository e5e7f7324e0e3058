// Answers: everyone who shares at least one claim with one expert, read two hops out from that expert and no
// further: per other expert the shared claims (both polarities and quotes) and the distinct claims of each
// side (their counts are the denominators of the average, Jaccard and cosine normalizations).
// params: {"expertId": "raul-delgado-wise"}
MATCH (e:Expert {id: $expertId})-[se:ENDORSES|CRITICIZES]->(c:Claim)<-[so:ENDORSES|CRITICIZES]-(o:Expert)
WHERE o <> e
WITH e, o, collect({claim: c.id, text: coalesce(c.text, c.id), stanceA: type(se), quoteA: se.quote,
                    stanceB: type(so), quoteB: so.quote}) AS shared
RETURN o.id AS expert, coalesce(o.name, o.id) AS name,
       [(e)-[:ENDORSES|CRITICIZES]->(x:Claim) | x.id] AS claimsA,
       [(o)-[:ENDORSES|CRITICIZES]->(y:Claim) | y.id] AS claimsB,
       shared
ORDER BY expert
