// (:Expert)-[:MODERATED]->(:Session), owned by the session that lists its moderators. $rows: [{id, targets: [{id}]}]
UNWIND $rows AS row
MATCH (:Expert)-[old:MODERATED]->(s:Session {id: row.id})
DELETE old;

UNWIND $rows AS row
UNWIND row.targets AS target
MATCH (s:Session {id: row.id})
MATCH (e:Expert {id: target.id})
CREATE (e)-[:MODERATED]->(s)
