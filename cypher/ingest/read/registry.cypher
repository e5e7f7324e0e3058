// The registry's nodes with their content hash (an incremental load whose registry changed).
MATCH (n)
WHERE (n:Paradigm OR n:Institution OR n:Expert OR n:Claim) AND n.hash IS NOT NULL
RETURN labels(n) AS labels, n.id AS id, n.hash AS hash
