// Answers: the paradigms of migration governability (securitization, shared-benefits, human-development).
// params: {}
MATCH (p:Paradigm)
RETURN p.id AS id, p.name AS name, p.description AS description
ORDER BY id
