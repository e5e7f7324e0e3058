// A 1,000,000-row result read record by record (the driver pulls 1000 at a time); the .NET test measures the
// server's peak memory meanwhile. Nested UNWINDs make the rows without a million-element list in the engine.
import assert from 'node:assert/strict'
import { editor, result } from './common.mjs'

const driver = editor()
const session = driver.session({ fetchSize: 1000 })
const started = Date.now()
let rows = 0
let sum = 0
try {
  const stream = session.run("UNWIND range(0, 999) AS a UNWIND range(1, 1000) AS b RETURN a * 1000 + b AS i, 'row ' + toString(a * 1000 + b) AS s")
  for await (const record of stream) {
    const i = record.get('i').toNumber()
    if (rows % 100000 === 0) assert.equal(record.get('s'), 'row ' + i)
    sum += i
    rows++
  }
  const summary = await stream.summary()
  assert.equal(summary.queryType, 'r')
} finally {
  await session.close()
  await driver.close()
}
assert.equal(rows, 1000000)
assert.equal(sum, 1000000 * 1000001 / 2)
result({ rows, seconds: (Date.now() - started) / 1000 })
