// The same users and roles as the Query API: bad credentials are Security.Unauthorized, a reader's write is Security.Forbidden.
import assert from 'node:assert/strict'
import { neo4j, env, reader, failure, result } from './common.mjs'

const wrong = neo4j.driver(env.bolt, neo4j.auth.basic(env.user, env.password + '-wrong'))
const unauthorized = await failure(() => wrong.verifyConnectivity())
await wrong.close()
assert.equal(unauthorized.code, 'Neo.ClientError.Security.Unauthorized')

const none = neo4j.driver(env.bolt)
const anonymous = await failure(() => none.verifyConnectivity())
await none.close()
assert.equal(anonymous.code, 'Neo.ClientError.Security.Unauthorized')

const readOnly = reader()
const session = readOnly.session() // a WRITE session by default: the server runs a reader's work as READ anyway
const count = await session.run('RETURN 1 AS one')
assert.equal(count.records[0].get('one').toNumber(), 1)
const forbidden = await failure(() => session.run('CREATE (:JudgeForbidden)'))
assert.equal(forbidden.code, 'Neo.ClientError.Security.Forbidden')
assert.match(forbidden.message, new RegExp(env.reader))
const inTx = await failure(() => session.executeWrite(tx => tx.run('CREATE (:JudgeForbidden)')))
assert.equal(inTx.code, 'Neo.ClientError.Security.Forbidden')
await session.close()
await readOnly.close()

result({ unauthorized: unauthorized.code, anonymous: anonymous.code, forbidden: forbidden.code, forbiddenGql: forbidden.gqlStatus })
