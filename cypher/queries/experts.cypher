// Answers: every expert with name variants, roles, affiliations and how many stances they take.
// params: {}
MATCH (e:Expert)
OPTIONAL MATCH (e)-[:AFFILIATED_WITH]->(i:Institution)
WITH e, collect(i.id) AS institutions
OPTIONAL MATCH (e)-[s:ENDORSES|CRITICIZES]->(:Claim)
RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases, e.country AS country,
       coalesce(e.roles, []) AS roles, institutions, count(s) AS stances
ORDER BY id
