// The loaded entities with their content hash: the plan compares them with graph-data.
MATCH (n)
WHERE n.hash IS NOT NULL AND n.source IS NOT NULL
RETURN labels(n) AS labels, n.id AS id, n.source AS source, n.hash AS hash
