// Answers: how many experts and claims the store holds (0 and 0 means nothing was ingested yet).
// params: {}
OPTIONAL MATCH (e:Expert)
WITH count(e) AS experts
OPTIONAL MATCH (c:Claim)
RETURN experts, count(c) AS claims
