// Answers: every stance dated inside a time window, with its date: the date of its session, else of its document
// (both stored as DATE values, compared as dates). Latest first per expert and claim, so a caller that keeps one
// stance per pair keeps the latest in the window. A stance with no date is in no window.
// Each end is yyyy-MM-dd, or null for an open end.
// params: {"from": "2019-01-01", "to": null}
MATCH (e:Expert)-[s:ENDORSES|CRITICIZES]->(c:Claim)
OPTIONAL MATCH (session:Session {id: s.session})
OPTIONAL MATCH (document:Source {id: s.source})
WITH e, s, c, coalesce(session.date, document.date) AS day
WHERE day IS NOT NULL
  AND ($from IS NULL OR day >= date($from))
  AND ($to IS NULL OR day <= date($to))
RETURN e.id AS expert, c.id AS claim, type(s) AS stance, s.quote AS quote, s.section AS section,
       coalesce(s.confidence, 1.0) AS confidence, s.source AS source, toString(day) AS day
ORDER BY expert, claim, day DESC, source DESC
