// Every value type round-tripped as a parameter and a result (RETURN $v), and the graph types as results.
import assert from 'node:assert/strict'
import { neo4j, editor, result } from './common.mjs'

const driver = editor()
const session = driver.session()
const roundTrip = async (value) => (await session.run('RETURN $v AS v', { v: value })).records[0].get('v')
const checked = []

try {
  for (const [name, value, expected] of [
    ['null', null, null],
    ['true', true, true],
    ['false', false, false],
    ['integer', neo4j.int(42), neo4j.int(42)],
    ['negative integer', neo4j.int(-17), neo4j.int(-17)],
    ['64-bit integer', neo4j.int('9223372036854775807'), neo4j.int('9223372036854775807')],
    ['64-bit minimum', neo4j.int('-9223372036854775808'), neo4j.int('-9223372036854775808')],
    ['float', 3.25, 3.25],
    ['NaN', NaN, NaN],
    ['-Infinity', -Infinity, -Infinity],
    ['string', 'Raúl Delgado Wise — 日本語 🎉', 'Raúl Delgado Wise — 日本語 🎉'],
    ['empty string', '', ''],
    ['long string', 'x'.repeat(100000), 'x'.repeat(100000)],
    ['bytes', new Int8Array([0, 1, -1, 127, -128]), new Int8Array([0, 1, -1, 127, -128])],
    ['list', [neo4j.int(1), 'two', 3.5, null, [true]], [neo4j.int(1), 'two', 3.5, null, [true]]],
    ['empty list', [], []],
    ['map', { a: neo4j.int(1), b: { c: 'd' }, e: [] }, { a: neo4j.int(1), b: { c: 'd' }, e: [] }]
  ]) {
    const back = await roundTrip(value)
    assert.deepEqual(back, expected, `${name} came back as ${back}`)
    checked.push(name)
  }

  // A JavaScript number that is a whole number is sent as a Float by the driver; it stays one.
  assert.equal(await roundTrip(7), 7)

  // Nodes, relationships and paths as results (and a node sent back as a parameter finds itself).
  const row = (await session.run(
    "CREATE p = (a:JudgeVal {name: 'a', tags: ['x', 'y']})-[r:JUDGE_NEXT {w: 1.5}]->(b:JudgeVal:Other {name: 'b'})<-[:JUDGE_NEXT {w: 2.5}]-(c:JudgeVal {name: 'c'}) " +
    'RETURN p, a, r, b')).records[0]
  const a = row.get('a')
  assert.ok(a instanceof neo4j.types.Node)
  assert.deepEqual(a.labels, ['JudgeVal'])
  assert.deepEqual(a.properties, { name: 'a', tags: ['x', 'y'] })
  assert.match(a.elementId, /^node:\d+$/)
  const r = row.get('r')
  assert.ok(r instanceof neo4j.types.Relationship)
  assert.equal(r.type, 'JUDGE_NEXT')
  assert.equal(r.startNodeElementId, a.elementId)
  assert.equal(r.endNodeElementId, row.get('b').elementId)
  assert.deepEqual(row.get('b').labels.sort(), ['JudgeVal', 'Other'])
  const p = row.get('p')
  assert.ok(p instanceof neo4j.types.Path)
  assert.equal(p.length, 2)
  assert.deepEqual(p.segments.map(s => [s.start.properties.name, s.end.properties.name]), [['a', 'b'], ['b', 'c']])
  assert.equal(p.segments[1].relationship.startNodeElementId, p.end.elementId) // walked against its direction
  checked.push('node', 'relationship', 'path')

  // (The driver itself refuses nodes as parameters, so there is nothing to send back.)

  // Temporal and spatial parameters: this server's engine has no such types yet (issue #14); they arrive as
  // Neo4j's ISO-8601 / WKT text, exactly as the Query API hands them over, and functions accept that text.
  const date = (await session.run("RETURN $d AS d, date($d) = date('2024-02-29') AS same", { d: new neo4j.types.Date(2024, 2, 29) })).records[0]
  assert.equal(date.get('d'), '2024-02-29')
  assert.equal(date.get('same'), true)
  const dt = await roundTrip(new neo4j.types.DateTime(2024, 7, 1, 14, 0, 0, 5000, 7200))
  assert.equal(dt, '2024-07-01T14:00:00.000005+02:00')
  assert.equal(await roundTrip(new neo4j.types.Duration(14, 3, 14706, 500000000)), 'P1Y2M3DT4H5M6.5S')
  assert.equal(await roundTrip(new neo4j.types.Point(4326, 1.5, -2)), 'SRID=4326;POINT (1.5 -2)')
  checked.push('temporal and spatial as text')
} finally {
  await session.close()
  await driver.close()
}
result({ checked })
