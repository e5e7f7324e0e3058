// Answers: a cheap fingerprint of the stored debate: how many relationships of each type there are (a flipped stance
// turns an AGREES_WITH into a DISAGREES_WITH) and how many nodes. The web view keeps its computed views while it
// stays the same (and for at most a minute). Reads no property, so it stays fast on large graphs.
// params: {}
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
WITH nodes, type(r) AS type, count(r) AS relationships
RETURN nodes, type, relationships
ORDER BY type
