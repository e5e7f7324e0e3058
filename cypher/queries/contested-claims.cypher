// Answers: the claims that have both endorsers and critics, most evenly split first:
// evenness = 1 - |endorsers - critics| / (endorsers + critics); ties by volume (endorsers + critics), then id.
// An expert counts once per polarity however many documents repeat it (Graph.Queries StanceRule), and is both an
// endorser and a critic when they took both positions.
// params: {}
MATCH (e:Expert)-[s:ENDORSES|CRITICIZES]->(c:Claim)
WITH c,
     collect(DISTINCT CASE WHEN type(s) = 'ENDORSES' THEN e.id END) AS endorserIds,
     collect(DISTINCT CASE WHEN type(s) = 'CRITICIZES' THEN e.id END) AS criticIds
WITH c, endorserIds, criticIds, size(endorserIds) AS endorsers, size(criticIds) AS critics
WHERE endorsers > 0 AND critics > 0
RETURN c.id AS claim, c.text AS text, c.topic AS topic, endorsers, critics,
       1.0 - abs(endorsers - critics) / toFloat(endorsers + critics) AS evenness,
       endorsers + critics AS volume, endorserIds, criticIds
ORDER BY evenness DESC, volume DESC, claim
