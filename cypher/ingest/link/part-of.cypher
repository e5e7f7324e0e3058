// (:Institution)-[:PART_OF]->(:Institution) of new or changed institutions. $rows: [{id, targets: [{id}]}]
UNWIND $rows AS row
MATCH (n:Institution {id: row.id})-[old:PART_OF]->(:Institution)
DELETE old;

UNWIND $rows AS row
UNWIND row.targets AS target
MATCH (n:Institution {id: row.id})
MATCH (parent:Institution {id: target.id})
CREATE (n)-[:PART_OF]->(parent)
