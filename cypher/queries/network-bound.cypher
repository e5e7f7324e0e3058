// The participant bound the stored discourse network was derived with, from the last load's manifest: claims with
// more participants than maxParticipants have no AGREES_WITH / DISAGREES_WITH pairs. A windowed analysis derives its
// network with the same bound. No row of values when the store has no manifest (not loaded by graph ingest).
OPTIONAL MATCH (m:GraphDataManifest {id: 'graph-data'})
RETURN m.maxParticipants AS maxParticipants, m.network AS network, m.claimsLeftOut AS claimsLeftOut
