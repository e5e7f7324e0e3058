// What an incremental load's documents may refer to without reading the rest of graph-data: the sessions of the
// other documents (ids are unique across documents) and, when the registry is not read, the registry's ids.
// $documents: the documents being read or removed; $registry: true to list the registry's ids.
MATCH (n:Session)
WHERE n.hash IS NOT NULL AND NOT n.source IN $documents
RETURN 'Session' AS label, n.id AS id, n.source AS source
UNION ALL
MATCH (n)
WHERE $registry AND (n:Expert OR n:Claim OR n:Institution OR n:Paradigm) AND n.hash IS NOT NULL
RETURN head([l IN labels(n) WHERE l IN ['Expert', 'Claim', 'Institution', 'Paradigm']]) AS label, n.id AS id, null AS source
