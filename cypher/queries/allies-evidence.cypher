// Answers: the claims one expert shares with each of a few others (the top-ranked allies or opponents), with
// both polarities and quotes.
// params: {"expertId": "raul-delgado-wise", "others": ["jorge-martinez-pizarro"]}
UNWIND $others AS other
MATCH (e:Expert {id: $expertId})
MATCH (o:Expert {id: other})
MATCH (e)-[se:ENDORSES|CRITICIZES]->(c:Claim)<-[so:ENDORSES|CRITICIZES]-(o)
RETURN o.id AS expert, c.id AS claim, coalesce(c.text, c.id) AS text,
       type(se) AS stanceA, se.quote AS quoteA, type(so) AS stanceB, so.quote AS quoteB
ORDER BY expert, claim
