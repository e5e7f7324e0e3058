// Answers: the participant bound the stored discourse network was derived with (the last load's manifest): claims with more participants than maxParticipants have no AGREES_WITH / DISAGREES_WITH pairs, and a windowed analysis derives its network with the same bound. One row of nulls when the store has no manifest (not loaded by graph ingest).
// params: {}
OPTIONAL MATCH (m:GraphDataManifest {id: 'graph-data'})
RETURN m.maxParticipants AS maxParticipants, m.network AS network, m.claimsLeftOut AS claimsLeftOut
