// The loaded entities with their content hash: the plan compares them with graph-data. Registry nodes carry no
// source (a Paradigm's source is the document its quote comes from); sessions and sources carry their document.
MATCH (n)
WHERE n.hash IS NOT NULL AND n.id IS NOT NULL AND NOT n:GraphDataManifest
RETURN labels(n) AS labels, n.id AS id, n.source AS source, n.hash AS hash
