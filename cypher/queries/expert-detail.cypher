// Answers: one expert's card: biography, name variants, roles, affiliations (with role) and sessions.
// params: {"expertId": "raul-delgado-wise"}
MATCH (e:Expert {id: $expertId})
OPTIONAL MATCH (e)-[af:AFFILIATED_WITH]->(i:Institution)
WITH e, collect(CASE WHEN i IS NULL THEN NULL ELSE {id: i.id, name: i.name, acronym: i.acronym, role: af.role} END) AS affiliations
OPTIONAL MATCH (e)-[rs:SPOKE_IN|MODERATED]->(s:Session)
RETURN e.id AS id, e.name AS name, e.bio AS bio, e.country AS country,
       coalesce(e.aliases, []) AS aliases, coalesce(e.roles, []) AS roles, affiliations,
       collect(CASE WHEN s IS NULL THEN NULL ELSE {id: s.id, title: s.title, number: s.number, role: type(rs)} END) AS sessions
