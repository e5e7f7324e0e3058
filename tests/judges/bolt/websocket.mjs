// Bolt over WebSocket, as Neo4j Browser (and any driver running in a web page) connects: the official driver's browser
// build, which has no TCP channel, on Node's WebSocket (run with --experimental-websocket on Node 20).
import assert from 'node:assert/strict'
import { env, result } from './common.mjs'

assert.equal(typeof globalThis.WebSocket, 'function', 'this Node has no WebSocket: run node with --experimental-websocket')
const Original = globalThis.WebSocket
let opened = 0
globalThis.WebSocket = class extends Original {
  constructor (...args) {
    super(...args)
    opened++
  }
}
const { default: neo4j } = await import('neo4j-driver/lib/browser/neo4j-web.esm.js')

const facts = {}
for (const uri of [env.bolt, env.bolt.replace(/^bolt:/, 'neo4j:')]) {
  const driver = neo4j.driver(uri, neo4j.auth.basic(env.user, env.password))
  try {
    const info = await driver.getServerInfo()
    const session = driver.session()
    const res = await session.run('UNWIND range(1, 2500) AS i RETURN i, $s AS s', { s: 'über' })
    assert.equal(res.records.length, 2500)
    assert.equal(res.records[2499].get('i').toNumber(), 2500)
    assert.equal(res.records[0].get('s'), 'über')
    await session.close()
    facts[uri.split(':')[0]] = `${info.protocolVersion.major}.${info.protocolVersion.minor}`
  } finally {
    await driver.close()
  }
}
assert.ok(opened > 0, 'the driver opened no WebSocket')
result({ ...facts, websockets: opened })
