// (:Claim)-[:CONTRADICTS]->(:Claim) of new or changed claims. $rows: [{id, targets: [{id}]}]
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})-[old:CONTRADICTS]->(:Claim)
DELETE old;

UNWIND $rows AS row
UNWIND row.targets AS target
MATCH (c:Claim {id: row.id})
MATCH (other:Claim {id: target.id})
CREATE (c)-[:CONTRADICTS]->(other)
