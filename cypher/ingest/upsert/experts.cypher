// Creates or replaces Expert nodes that are new or changed. $rows: [{id, properties}] where properties holds
// every property (id, source, hash included), so properties removed from graph-data disappear too.
UNWIND $rows AS row
MERGE (n:Expert {id: row.id})
SET n = row.properties
