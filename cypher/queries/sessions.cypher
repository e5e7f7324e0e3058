// Answers: the sessions of the meeting in order, with the experts who spoke in or moderated each.
// params: {}
MATCH (s:Session)
OPTIONAL MATCH (e:Expert)-[:SPOKE_IN|MODERATED]->(s)
RETURN s.id AS id, s.number AS number, s.title AS title, collect(DISTINCT e.id) AS experts
ORDER BY number, id
