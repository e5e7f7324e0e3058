// Nodes, relationships and paths over Bolt equal what the Query API (Neo4j Labs' client, over HTTP) answers.
import assert from 'node:assert/strict'
import wrapperModule from '@neo4j-labs/experimental-query-api-wrapper'
import { neo4j, editor, env, result } from './common.mjs'

const bolt = editor()
const http = wrapperModule.wrapper(env.http, wrapperModule.auth.basic(env.user, env.password))
const query = 'MATCH p = (a:JudgeQa)-[r:JUDGE_QA]->(b:JudgeQa) RETURN a, r, b, p ORDER BY a.name'

const shape = (value) => {
  if (value === null || typeof value !== 'object') return value
  if (neo4j.isInt(value) || typeof value.toNumber === 'function') return value.toString()
  if (Array.isArray(value)) return value.map(shape)
  if ('segments' in value) return { path: value.segments.map(s => [shape(s.start), shape(s.relationship), shape(s.end)]) }
  if ('labels' in value) return { node: value.elementId, labels: [...value.labels].sort(), properties: shape(value.properties) }
  if ('type' in value && 'startNodeElementId' in value) return { rel: value.elementId, type: value.type, from: value.startNodeElementId, to: value.endNodeElementId, properties: shape(value.properties) }
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shape(v)]))
}

try {
  const setup = bolt.session()
  await setup.run("CREATE (:JudgeQa {name: 'a', n: 1})-[:JUDGE_QA {w: 0.5, tags: ['t']}]->(:JudgeQa:Extra {name: 'b'})<-[:JUDGE_QA {w: 2}]-(:JudgeQa {name: 'c'})")
  await setup.close()

  const boltSession = bolt.session()
  const overBolt = (await boltSession.run(query)).records.map(r => shape(r.toObject()))
  await boltSession.close()
  const httpSession = http.session({ database: 'neo4j' })
  const overHttp = (await httpSession.run(query)).records.map(r => shape(r.toObject()))
  await httpSession.close()

  assert.equal(overBolt.length, 2)
  assert.deepEqual(overBolt, overHttp)
  result({ rows: overBolt.length, sample: overBolt[0].r })
} finally {
  await bolt.close()
  await http.close()
}
