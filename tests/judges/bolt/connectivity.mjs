// Connectivity and server info over bolt:// and neo4j:// (routing: the driver asks ROUTE for a table); no procedures needed.
import assert from 'node:assert/strict'
import { neo4j, editor, routingUri, result, env } from './common.mjs'

const facts = {}
const run = `${process.pid}-${Date.now()}` // a fresh mark each run: the store may hold earlier runs' nodes
for (const [name, uri] of [['bolt', env.bolt], ['neo4j', routingUri()]]) {
  const driver = editor(uri)
  try {
    await driver.verifyConnectivity()
    const info = await driver.getServerInfo()
    assert.match(info.agent, /^Neo4j\/5\./)
    facts[name] = { agent: info.agent, protocol: `${info.protocolVersion.major}.${info.protocolVersion.minor}`, address: info.address }

    // Reads and writes through sessions of both access modes (a neo4j:// driver routes them by the table).
    const write = driver.session({ defaultAccessMode: 'WRITE' })
    const created = await write.run('CREATE (j:JudgeConn {via: $via, run: $run}) RETURN j.via AS via', { via: name, run })
    assert.equal(created.records[0].get('via'), name)
    assert.equal(created.summary.counters.updates().nodesCreated, 1)
    assert.equal(created.summary.database.name, 'neo4j')
    await write.close()
    const read = driver.session({ defaultAccessMode: 'READ' })
    const count = await read.run('MATCH (j:JudgeConn {via: $via, run: $run}) RETURN count(j) AS c', { via: name, run })
    assert.equal(count.records[0].get('c').toNumber(), 1)
    await read.close()

    // The driver-level API (executeQuery) with its routing control.
    const { records } = await driver.executeQuery('RETURN $x * 2 AS y', { x: neo4j.int(21) }, { routing: 'READ', database: 'neo4j' })
    assert.equal(records[0].get('y').toNumber(), 42)
  } finally {
    await driver.close()
  }
}
result(facts)
