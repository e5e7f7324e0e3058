// (:Expert)-[:AFFILIATED_WITH {role}]->(:Institution) of new or changed experts. $rows: [{id, targets: [{id, role}]}]
UNWIND $rows AS row
MATCH (n:Expert {id: row.id})-[old:AFFILIATED_WITH]->(:Institution)
DELETE old;

UNWIND $rows AS row
UNWIND row.targets AS target
MATCH (n:Expert {id: row.id})
MATCH (i:Institution {id: target.id})
CREATE (n)-[:AFFILIATED_WITH {role: target.role}]->(i)
