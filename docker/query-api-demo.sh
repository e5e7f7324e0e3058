#!/usr/bin/env bash
# A scripted tour of the Query API against `graph serve` (or Neo4j itself: same routes, same bodies).
#   graph serve --port 17474 --user neo4j:verysecret &
#   docker/query-api-demo.sh http://127.0.0.1:17474 neo4j:verysecret
set -euo pipefail
BASE=${1:-http://127.0.0.1:7474}
AUTH=${2:-neo4j:verysecret}
DB=${DB:-neo4j}

show() { # show METHOD PATH [BODY] [extra curl args...]
  local method=$1 path=$2 body=${3:-}; shift 3 || shift $#
  echo "\$ curl -u $AUTH -X $method $BASE$path${body:+ -H 'Content-Type: application/json' -d '$body'}$( (($#)) && printf " %q" "$@")"
  if [ -n "$body" ]; then
    curl -sS -u "$AUTH" -X "$method" "$BASE$path" -H 'Content-Type: application/json' "$@" -d "$body" -w '\n[HTTP %{http_code}]\n'
  else
    curl -sS -u "$AUTH" -X "$method" "$BASE$path" "$@" -w '\n[HTTP %{http_code}]\n'
  fi
  echo
}

echo "## Discovery"
show GET / ""

echo "## Auto-commit query, plain JSON, with counters"
show POST /db/$DB/query/v2 '{"statement": "MERGE (e:Expert {id: $id}) SET e.name = $name RETURN e AS expert, e.name AS name", "parameters": {"id": "ana-lopez", "name": "Ana López"}, "includeCounters": true}'

echo "## The same node in typed JSON (Accept: application/vnd.neo4j.query)"
show POST /db/$DB/query/v2 '{"statement": "MATCH (e:Expert {id: $id}) RETURN e, 1.0 AS f, 42 AS i", "parameters": {"id": "ana-lopez"}}' -H 'Accept: application/vnd.neo4j.query'

echo "## Explicit transaction: open with a statement, run another, commit"
OPEN=$(curl -sS -u "$AUTH" -X POST "$BASE/db/$DB/query/v2/tx" -H 'Content-Type: application/json' \
  -d '{"statement": "CREATE (c:Claim {id: $id, text: $text}) RETURN c.id AS id", "parameters": {"id": "rights-first", "text": "Migrants rights come first"}}')
echo "\$ curl -u $AUTH -X POST $BASE/db/$DB/query/v2/tx -H 'Content-Type: application/json' -d '{\"statement\": \"CREATE (c:Claim {id: \$id, text: \$text}) RETURN c.id AS id\", \"parameters\": {...}}'"
echo "$OPEN"
TX=$(echo "$OPEN" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p' | tail -1)
echo
show POST /db/$DB/query/v2/tx/$TX '{"statement": "MATCH (e:Expert {id: $e}), (c:Claim {id: $c}) CREATE p = (e)-[:ENDORSES {quote: $q}]->(c) RETURN p", "parameters": {"e": "ana-lopez", "c": "rights-first", "q": "rights"}}' -H 'neo4j-cluster-affinity: Z3JhcGgtc2VydmU='
show POST /db/$DB/query/v2/tx/$TX/commit ""

echo "## A transaction rolled back"
OPEN=$(curl -sS -u "$AUTH" -X POST "$BASE/db/$DB/query/v2/tx" -H 'Content-Type: application/json' -d '{"statement": "CREATE (:Claim {id: \"oops\"})"}')
TX=$(echo "$OPEN" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p' | tail -1)
show DELETE /db/$DB/query/v2/tx/$TX ""
show POST /db/$DB/query/v2/tx/$TX '{"statement": "RETURN 1"}'

echo "## Errors"
show POST /db/$DB/query/v2 '{"statement": "MATCH (e:Expert RETURN e"}'
show POST /db/$DB/query/v2 '{"statement": "RETURN $missing AS x"}'
show POST /db/other/query/v2 '{"statement": "RETURN 1"}'
AUTH=neo4j:wrong show POST /db/$DB/query/v2 '{"statement": "RETURN 1"}'
