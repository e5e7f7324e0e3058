// Removes Source nodes that their source document no longer defines, with their relationships. $rows: [{id}]
UNWIND $rows AS row
MATCH (n:Source {id: row.id})
DETACH DELETE n
