// Removes Session nodes that their source document no longer defines, with their relationships. $rows: [{id}]
UNWIND $rows AS row
MATCH (n:Session {id: row.id})
DETACH DELETE n
