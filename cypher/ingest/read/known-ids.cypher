// Which of the ids an incremental load's documents refer to exist in the store (the registry is not read when it is
// unchanged), and which of their session ids other documents already use (session ids are unique across documents).
// $experts, $claims, $sessions: ids; $documents: the documents being read or removed.
UNWIND $experts AS id
MATCH (n:Expert {id: id})
RETURN 'Expert' AS label, id, null AS source
UNION ALL
UNWIND $claims AS id
MATCH (n:Claim {id: id})
RETURN 'Claim' AS label, id, null AS source
UNION ALL
UNWIND $sessions AS id
MATCH (n:Session {id: id})
WHERE NOT n.source IN $documents
RETURN 'Session' AS label, id, n.source AS source
