// Answers: every fewest-hop chain (tied chains are all listed, up to 50) of disagreement (DISAGREES_WITH, either direction) between two experts, each as the list of
// expert ids; no row when none exists within 20 hops. Runs from both seeked ends, so it reads only the
// neighbourhoods it needs (the k-shortest alternatives and signed chains read the whole weights-only network).
// params: {"from": "lelio-marmora", "to": "sonia-maria-pellecer"}
MATCH (a:Expert {id: $from}), (b:Expert {id: $to})
MATCH p = allShortestPaths((a)-[:DISAGREES_WITH*..20]-(b))
RETURN [n IN nodes(p) | n.id] AS experts
LIMIT 50
