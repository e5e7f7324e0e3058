// Removes Institution nodes that their source document no longer defines, with their relationships. $rows: [{id}]
UNWIND $rows AS row
MATCH (n:Institution {id: row.id})
DETACH DELETE n
