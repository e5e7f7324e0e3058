// Answers: every institution with its parent institution (PART_OF), if any.
// params: {}
MATCH (i:Institution)
OPTIONAL MATCH (i)-[:PART_OF]->(parent:Institution)
RETURN i.id AS id, i.name AS name, i.acronym AS acronym, i.type AS type, i.country AS country, parent.id AS parent
ORDER BY id
