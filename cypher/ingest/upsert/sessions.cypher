// Creates or replaces Session nodes that are new or changed. $rows: [{id, properties}] where properties holds
// every property (id, source, hash included), so properties removed from graph-data disappear too. The date
// (yyyy-MM-dd, checked by the validator) is stored as a DATE, so time windows compare dates, not text.
UNWIND $rows AS row
MERGE (n:Session {id: row.id})
SET n = row.properties, n.date = date(row.properties.date)
