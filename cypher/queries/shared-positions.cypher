// Answers: the claims on which two experts both take a stance, with each one's polarity and quote.
// params: {"a": "raul-delgado-wise", "b": "jorge-martinez-pizarro"}
MATCH (a:Expert {id: $a})-[sa:ENDORSES|CRITICIZES]->(c:Claim)<-[sb:ENDORSES|CRITICIZES]-(b:Expert {id: $b})
RETURN c.id AS claim, c.text AS text, c.topic AS topic,
       type(sa) AS stanceA, sa.quote AS quoteA, type(sb) AS stanceB, sb.quote AS quoteB
ORDER BY claim
