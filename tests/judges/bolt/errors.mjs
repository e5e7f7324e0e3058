// Syntax and runtime errors with Neo4j's codes (and GQL statuses), and sessions that stay usable after a failure.
import assert from 'node:assert/strict'
import { neo4j, editor, failure, result } from './common.mjs'

const driver = editor()
const session = driver.session()
const facts = {}
try {
  const syntax = await failure(() => session.run('MATCH (n)\nRETURN n,'))
  assert.equal(syntax.code, 'Neo.ClientError.Statement.SyntaxError')
  assert.equal(syntax.gqlStatus, '42001')
  assert.equal(syntax.classification, 'CLIENT_ERROR')
  assert.equal(syntax.diagnosticRecord._position.line.toNumber(), 2)
  assert.ok(syntax instanceof neo4j.Neo4jError)
  facts.syntax = { code: syntax.code, gqlStatus: syntax.gqlStatus, description: syntax.gqlStatusDescription }

  // The session is usable right after the failure.
  assert.equal((await session.run('RETURN 1 AS one')).records[0].get('one').toNumber(), 1)

  const runtime = await failure(() => session.run('UNWIND [1, 0] AS d RETURN 1 / d AS q'))
  assert.equal(runtime.code, 'Neo.ClientError.Statement.ArithmeticError')
  facts.runtime = runtime.code

  const type = await failure(() => session.run("UNWIND [1, 'a'] AS x RETURN x - 1 AS y"))
  assert.equal(type.code, 'Neo.ClientError.Statement.TypeError')
  facts.type = type.code

  const missing = await failure(() => session.run('RETURN $nope AS x'))
  assert.equal(missing.code, 'Neo.ClientError.Statement.ParameterMissing')

  const semantic = await failure(() => session.run('RETURN undefinedVariable AS x'))
  assert.match(semantic.code, /^Neo\.ClientError\.Statement\.(SyntaxError|SemanticError)$/)

  // An error part-way through a stream: the records before it arrive, then the error.
  const seen = []
  const partial = await failure(async () => {
    for await (const record of session.run('UNWIND [1, 2, 0, 3] AS d RETURN 10 / d AS q')) seen.push(record.get('q').toNumber())
  })
  assert.equal(partial.code, 'Neo.ClientError.Statement.ArithmeticError')
  assert.deepEqual(seen, [10, 5])

  // Inside a transaction, a failure ends the transaction; the session goes on.
  const tx = await session.beginTransaction()
  await tx.run("CREATE (:JudgeErr {k: 'lost'})")
  await failure(() => tx.run('RETURN 1/0'))
  await tx.close()
  assert.equal((await session.run('MATCH (n:JudgeErr) RETURN count(n) AS c')).records[0].get('c').toNumber(), 0)

  // A database that does not exist.
  const elsewhere = driver.session({ database: 'nope' })
  const db = await failure(() => elsewhere.run('RETURN 1'))
  assert.equal(db.code, 'Neo.ClientError.Database.DatabaseNotFound')
  await elsewhere.close()
  facts.database = db.code

  // And still usable at the end.
  assert.equal((await session.run('RETURN 2 AS two')).records[0].get('two').toNumber(), 2)
} finally {
  await session.close()
  await driver.close()
}
result(facts)
