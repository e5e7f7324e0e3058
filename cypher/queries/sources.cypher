// Answers: the source documents of the debate (what every picture's caption names as its data).
// params: {}
MATCH (s:Source)
RETURN s.id AS id, s.symbol AS symbol, s.title AS title, s.date AS date, s.publisher AS publisher
ORDER BY id
