// The Source and Session nodes of some documents, with their content hash (an incremental load). $documents: [id]
MATCH (n:Source)
WHERE n.id IN $documents AND n.hash IS NOT NULL
RETURN labels(n) AS labels, n.id AS id, n.source AS source, n.hash AS hash
UNION ALL
MATCH (n:Session)
WHERE n.source IN $documents AND n.hash IS NOT NULL
RETURN labels(n) AS labels, n.id AS id, n.source AS source, n.hash AS hash
