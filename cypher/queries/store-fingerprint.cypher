// Answers: a cheap fingerprint of the stored debate: how many relationships of each type there are (a flipped stance
// turns an AGREES_WITH into a DISAGREES_WITH), how many nodes, and the content hashes the last load or save recorded
// in the graph-data manifest (so an edited quote, note or confidence, which keeps every count, still changes it).
// The web view keeps its computed views while it stays the same. Reads one node's properties, so it stays fast on
// large graphs.
// params: {}
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH (m:GraphDataManifest {id: 'graph-data'})
WITH nodes, coalesce(m.registry, '') + '|' + coalesce(reduce(s = '', h IN coalesce(m.hashes, []) | s + h + ','), '') AS version
OPTIONAL MATCH ()-[r]->()
WITH nodes, version, type(r) AS type, count(r) AS relationships
RETURN nodes, version, type, relationships
ORDER BY type
