// Managed transactions with retries, explicit transactions, bookmarks across sessions, routing (neo4j://).
import assert from 'node:assert/strict'
import { neo4j, editor, routingUri, failure, result } from './common.mjs'

const facts = {}
const run = `${process.pid}-${Date.now()}` // marks this run's nodes: the store may hold earlier runs'
const driver = editor()
try {
  // executeWrite / executeRead
  const write = driver.session()
  const created = await write.executeWrite(tx => tx.run('CREATE (n:JudgeTx {k: $k, run: $run}) RETURN n.k AS k', { k: 'managed', run }))
  assert.equal(created.records[0].get('k'), 'managed')
  const read = await write.executeRead(async tx => (await tx.run("MATCH (n:JudgeTx {k: 'managed', run: $run}) RETURN count(n) AS c", { run })).records[0].get('c').toNumber())
  assert.equal(read, 1)
  // A read transaction may not write (Neo4j's access mode error).
  const wrongMode = await failure(() => write.executeRead(tx => tx.run('CREATE (:JudgeTx)')))
  assert.equal(wrongMode.code, 'Neo.ClientError.Statement.AccessMode')
  await write.close()

  // Retries: the write lock is held by another transaction, so the contender's first write times out waiting for it
  // (Server:WriteLockTimeout, 2 s in this test) with a transient error; the driver retries the whole function; the
  // retry lets the holder commit first and then succeeds.
  const holder = driver.session()
  const holding = await holder.beginTransaction()
  await holding.run("CREATE (:JudgeTx {k: 'holder', run: $run})", { run })
  const contender = driver.session()
  let attempts = 0
  const errors = []
  await contender.executeWrite(async tx => {
    attempts++
    if (attempts > 1 && holding.isOpen()) await holding.commit()
    try {
      return await tx.run("CREATE (:JudgeTx {k: 'contender', run: $run})", { run })
    } catch (e) {
      errors.push(e.code)
      throw e
    }
  })
  await holder.close()
  await contender.close()
  assert.ok(attempts >= 2, `the contender ran ${attempts} time(s)`)
  assert.ok(errors.every(code => code.startsWith('Neo.TransientError.')), `errors before the retry: ${errors}`)
  facts.retries = { attempts, errors }

  // Explicit transactions: commit, rollback, a failure that ends the transaction.
  const explicit = driver.session()
  const tx1 = await explicit.beginTransaction({ timeout: 30000, metadata: { app: 'judge' } })
  await tx1.run("CREATE (:JudgeTx {k: 'explicit', run: $run})", { run })
  const inside = await tx1.run("MATCH (n:JudgeTx {k: 'explicit', run: $run}) RETURN count(n) AS c", { run })
  assert.equal(inside.records[0].get('c').toNumber(), 1)
  await tx1.commit()
  const tx2 = await explicit.beginTransaction()
  await tx2.run("CREATE (:JudgeTx {k: 'rolled back', run: $run})", { run })
  await tx2.rollback()
  const tx3 = await explicit.beginTransaction()
  await tx3.run("CREATE (:JudgeTx {k: 'failed', run: $run})", { run })
  const inTx = await failure(() => tx3.run('RETURN 1/0'))
  assert.equal(inTx.code, 'Neo.ClientError.Statement.ArithmeticError')
  await tx3.close()
  const counts = await explicit.run('MATCH (n:JudgeTx {run: $run}) RETURN n.k AS k ORDER BY k', { run })
  assert.deepEqual(counts.records.map(r => r.get('k')), ['contender', 'explicit', 'holder', 'managed'])
  await explicit.close()

  // Bookmarks: what one session wrote, a session started from its bookmarks reads; also through the driver's bookmark manager.
  const first = driver.session()
  await first.run('CREATE (:JudgeBookmark {v: 1, run: $run})', { run })
  const bookmarks = first.lastBookmarks()
  assert.ok(bookmarks.length > 0, 'no bookmark after a write')
  await first.close()
  const second = driver.session({ bookmarks, defaultAccessMode: neo4j.session.READ })
  const seen = await second.run('MATCH (n:JudgeBookmark {run: $run}) RETURN count(n) AS c', { run })
  assert.equal(seen.records[0].get('c').toNumber(), 1)
  await second.close()
  const manager = neo4j.bookmarkManager()
  const a = driver.session({ bookmarkManager: manager })
  await a.executeWrite(tx => tx.run('CREATE (:JudgeBookmark {v: 2, run: $run})', { run }))
  await a.close()
  assert.ok((await manager.getBookmarks()).length > 0)
  const b = driver.session({ bookmarkManager: manager })
  assert.equal((await b.executeRead(tx => tx.run('MATCH (n:JudgeBookmark {run: $run}) RETURN count(n) AS c', { run }))).records[0].get('c').toNumber(), 2)
  await b.close()
  facts.bookmark = bookmarks[0]
} finally {
  await driver.close()
}

// The same through a routing driver: reads and writes go where the routing table says (this one server).
const routed = editor(routingUri())
try {
  const session = routed.session()
  await session.executeWrite(tx => tx.run("CREATE (:JudgeTx {k: 'routed', run: $run})", { run }))
  const c = await session.executeRead(async tx => (await tx.run("MATCH (n:JudgeTx {k: 'routed', run: $run}) RETURN count(n) AS c", { run })).records[0].get('c').toNumber())
  assert.equal(c, 1)
  await session.close()
} finally {
  await routed.close()
}
result(facts)
