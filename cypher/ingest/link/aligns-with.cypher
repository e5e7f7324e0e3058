// (:Claim)-[:ALIGNS_WITH {sign}]->(:Paradigm) of new or changed claims; sign 1 supports, -1 opposes.
// $rows: [{id, targets: [{id, sign}]}]
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})-[old:ALIGNS_WITH]->(:Paradigm)
DELETE old;

UNWIND $rows AS row
UNWIND row.targets AS target
MATCH (c:Claim {id: row.id})
MATCH (p:Paradigm {id: target.id})
CREATE (c)-[:ALIGNS_WITH {sign: target.sign}]->(p)
