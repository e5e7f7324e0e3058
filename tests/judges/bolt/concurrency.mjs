// 16 sessions at once, each writing, reading and streaming.
import assert from 'node:assert/strict'
import { neo4j, editor, result } from './common.mjs'

const driver = editor(undefined, { maxConnectionPoolSize: 32 })
try {
  const sums = await Promise.all(Array.from({ length: 16 }, async (_, i) => {
    const session = driver.session()
    try {
      await session.executeWrite(tx => tx.run('CREATE (:JudgeConc {i: $i})', { i: neo4j.int(i) }))
      let sum = 0
      for await (const record of session.run('UNWIND range(1, 5000) AS x RETURN x + $i AS y', { i: neo4j.int(i) })) sum += record.get('y').toNumber()
      const mine = await session.executeRead(tx => tx.run('MATCH (n:JudgeConc {i: $i}) RETURN count(n) AS c', { i: neo4j.int(i) }))
      assert.equal(mine.records[0].get('c').toNumber(), 1)
      return sum
    } finally {
      await session.close()
    }
  }))
  sums.forEach((sum, i) => assert.equal(sum, 5000 * 5001 / 2 + 5000 * i))
  const session = driver.session()
  assert.equal((await session.run('MATCH (n:JudgeConc) RETURN count(n) AS c')).records[0].get('c').toNumber(), 16)
  await session.close()
} finally {
  await driver.close()
}
result({ sessions: 16 })
