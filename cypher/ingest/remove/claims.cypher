// Removes Claim nodes that their source document no longer defines, with their relationships. $rows: [{id}]
UNWIND $rows AS row
MATCH (n:Claim {id: row.id})
DETACH DELETE n
