// Answers: the text of given claims (the id when a claim has no text), e.g. to explain the hops of a path.
// params: {"ids": ["migration-as-security-issue"]}
UNWIND $ids AS id
MATCH (c:Claim {id: id})
RETURN c.id AS id, coalesce(c.text, c.id) AS text
ORDER BY id
