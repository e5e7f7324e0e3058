// The stored discourse network: the plan diffs it against the network derived from the post-load stances.
MATCH (a:Expert)-[r:AGREES_WITH|DISAGREES_WITH]->(b:Expert)
RETURN a.id AS a, b.id AS b, type(r) AS type, r.claims AS claims
