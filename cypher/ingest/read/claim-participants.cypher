// The distinct (expert, stance type) participants of one claim, at most $limit of them: a claim with more
// participants than the network's limit is left out of it whatever they are, so they need not all be read.
MATCH (e:Expert)-[r:ENDORSES|CRITICIZES]->(:Claim {id: $claim})
WITH DISTINCT e.id AS expert, type(r) AS type
RETURN expert, type
LIMIT $limit
