// The same users and roles as the Query API: bad credentials are Security.Unauthorized, a reader's write is Security.Forbidden,
// and repeated failures lock logins (Security.AuthenticationRateLimit, as Neo4j) for the server's lock time.
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

// Guessing: three wrong passwords for names that do not exist lock the client's address (127.0.0.1), so that even the
// editor's right password is refused until the lock time (Server:LoginLockTime, 5 s) has passed.
for (let i = 0; i < 3; i++) {
  const guess = neo4j.driver(env.bolt, neo4j.auth.basic(`judge-guess-${i}`, 'wrong'))
  assert.equal((await failure(() => guess.verifyConnectivity())).code, 'Neo.ClientError.Security.Unauthorized')
  await guess.close()
}
const locked = neo4j.driver(env.bolt, neo4j.auth.basic(env.user, env.password))
const rateLimited = await failure(() => locked.verifyConnectivity())
await locked.close()
assert.equal(rateLimited.code, 'Neo.ClientError.Security.AuthenticationRateLimit')
// Wait the lock out (the judges that follow log in from the same address); a success clears the count.
let unlocked = false
for (let attempt = 0; attempt < 60 && !unlocked; attempt++) {
  await new Promise(resolve => setTimeout(resolve, 500))
  const again = neo4j.driver(env.bolt, neo4j.auth.basic(env.user, env.password))
  try {
    await again.verifyConnectivity()
    unlocked = true
  } catch (e) {
    assert.equal(e.code, 'Neo.ClientError.Security.AuthenticationRateLimit')
  } finally {
    await again.close()
  }
}
assert.ok(unlocked, 'logins stayed locked for 30 s')

result({ unauthorized: unauthorized.code, anonymous: anonymous.code, forbidden: forbidden.code, forbiddenGql: forbidden.gqlStatus, rateLimited: rateLimited.code })
