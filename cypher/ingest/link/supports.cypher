// (:Claim)-[:SUPPORTS]->(:Claim) of new or changed claims. $rows: [{id, targets: [{id}]}]
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})-[old:SUPPORTS]->(:Claim)
DELETE old;

UNWIND $rows AS row
UNWIND row.targets AS target
MATCH (c:Claim {id: row.id})
MATCH (other:Claim {id: target.id})
CREATE (c)-[:SUPPORTS]->(other)
