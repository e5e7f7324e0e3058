// (:Expert)-[:SPOKE_IN]->(:Session), owned by the session that lists its speakers. $rows: [{id, targets: [{id}]}]
UNWIND $rows AS row
MATCH (:Expert)-[old:SPOKE_IN]->(s:Session {id: row.id})
DELETE old;

UNWIND $rows AS row
UNWIND row.targets AS target
MATCH (s:Session {id: row.id})
MATCH (e:Expert {id: target.id})
CREATE (e)-[:SPOKE_IN]->(s)
