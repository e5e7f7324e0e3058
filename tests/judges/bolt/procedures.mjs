// Procedures and commands Neo4j's tools send: EXPLAIN and PROFILE with the plan in the summary, CALL db.labels(),
// SHOW DATABASES and an unknown procedure through the official driver over Bolt; the Labs Query API client's
// verifyConnectivity() (db.ping) over HTTP.
import assert from 'node:assert/strict'
import wrapperModule from '@neo4j-labs/experimental-query-api-wrapper'
import { editor, env, failure, result } from './common.mjs'

const driver = editor()
const session = driver.session()
const http = wrapperModule.wrapper(env.http, wrapperModule.auth.basic(env.user, env.password))
const facts = {}
try {
  await session.run("MERGE (:JudgeProc {name: 'p'})")

  const explain = await session.run('EXPLAIN MATCH (n:JudgeProc) RETURN n.name AS name')
  assert.equal(explain.records.length, 0)
  assert.ok(explain.summary.hasPlan(), 'EXPLAIN has a plan in its summary')
  assert.equal(explain.summary.hasProfile(), false)
  assert.equal(typeof explain.summary.plan.operatorType, 'string')
  facts.explain = explain.summary.plan.operatorType

  const profile = await session.run('PROFILE MATCH (n:JudgeProc) RETURN n.name AS name')
  assert.deepEqual(profile.records.map(r => r.get('name')), ['p'])
  assert.ok(profile.summary.hasProfile(), 'PROFILE has a profiled plan in its summary')
  assert.equal(typeof profile.summary.profile.dbHits, 'number')
  assert.equal(typeof profile.summary.profile.rows, 'number')
  facts.profile = { operator: profile.summary.profile.operatorType, rows: profile.summary.profile.rows, dbHits: profile.summary.profile.dbHits }

  const labels = (await session.run('CALL db.labels() YIELD label RETURN label')).records.map(r => r.get('label'))
  assert.ok(labels.includes('JudgeProc'), `db.labels() lists ${labels}`)
  facts.labels = labels.length

  const databases = (await session.run('SHOW DATABASES')).records.map(r => r.get('name'))
  assert.ok(databases.includes('neo4j'), `SHOW DATABASES lists ${databases}`)
  facts.databases = databases

  const ping = (await session.run('CALL db.ping()')).records[0].get('success')
  assert.equal(ping, true)

  const unknown = await failure(() => session.run('CALL db.noSuchProcedure()'))
  assert.equal(unknown.code, 'Neo.ClientError.Procedure.ProcedureNotFound')
  facts.unknownProcedure = unknown.code

  // The Labs client's verifyConnectivity() runs CALL db.ping() over the Query API.
  await http.verifyConnectivity({ database: 'neo4j' })
  facts.labsVerifyConnectivity = true
} finally {
  await session.close()
  await driver.close()
  await http.close()
}
result(facts)
