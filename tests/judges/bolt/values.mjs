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

  // Temporal values travel as Bolt's temporal structures both ways: each comes back as the driver's own type, equal
  // to what was sent (toString compares every field, the zone id included), and the engine sees a typed value.
  const types = neo4j.types
  for (const [name, value, Type, expected] of [
    ['Date', new types.Date(2024, 2, 29), types.Date],
    ['Date before 1970', new types.Date(1969, 12, 31), types.Date],
    ['LocalTime', new types.LocalTime(12, 31, 14, 645876123), types.LocalTime],
    ['Time', new types.Time(23, 59, 59, 1, -7507), types.Time],
    ['LocalDateTime', new types.LocalDateTime(2015, 7, 4, 19, 32, 24, 0), types.LocalDateTime],
    ['DateTime with offset', new types.DateTime(2024, 7, 1, 14, 0, 0, 5000, 7200), types.DateTime],
    // Sent with a zone id only, a DateTime comes back with the offset the zone's rules give as well (as from Neo4j).
    ['DateTime with zone id', new types.DateTime(2024, 7, 1, 14, 0, 0, 0, undefined, 'Europe/Paris'), types.DateTime, '2024-07-01T14:00:00+02:00[Europe/Paris]'],
    ['DateTime in winter', new types.DateTime(2024, 1, 1, 12, 0, 0, 0, undefined, 'Europe/Paris'), types.DateTime, '2024-01-01T12:00:00+01:00[Europe/Paris]'],
    ['Duration', new types.Duration(14, 3, 14706, 500000000), types.Duration],
    ['negative Duration', new types.Duration(-14, 3, -1, 999999999), types.Duration]
  ]) {
    const back = await roundTrip(value)
    assert.ok(back instanceof Type, `${name} came back as ${back?.constructor?.name}: ${back}`)
    assert.equal(back.toString(), expected ?? value.toString(), `${name}`)
    checked.push(name)
  }
  const typed = (await session.run(
    'RETURN $d.year AS year, $d = date(\'2024-02-29\') AS same, $dt.timezone AS zone, $dt.offset AS offset, $dur.days AS days, ' +
    "datetime('2015-11-21T21:40:32.142Z[Antarctica/Troll]') AS troll, duration.between(date('1984-10-11'), date('2015-06-24')) AS between",
    { d: new types.Date(2024, 2, 29), dt: new types.DateTime(2024, 7, 1, 14, 0, 0, 0, undefined, 'Europe/Paris'), dur: new types.Duration(14, 3, 14706, 500000000) })).records[0]
  assert.equal(typed.get('year').toNumber(), 2024)
  assert.equal(typed.get('same'), true)
  assert.equal(typed.get('zone'), 'Europe/Paris')
  assert.equal(typed.get('offset'), '+02:00')
  assert.equal(typed.get('days').toNumber(), 3)
  assert.equal(typed.get('troll').toString(), '2015-11-21T21:40:32.142000000Z[Antarctica/Troll]')
  const between = typed.get('between')
  assert.deepEqual([between.months, between.days, between.seconds, between.nanoseconds].map(Number), [368, 13, 0, 0])
  checked.push('temporal values as the engine reads and computes them')

  // Points have no type in this server's engine: they arrive as Neo4j's WKT text, as the Query API hands them over.
  assert.equal(await roundTrip(new neo4j.types.Point(4326, 1.5, -2)), 'SRID=4326;POINT (1.5 -2)')
  checked.push('spatial as text')
} finally {
  await session.close()
  await driver.close()
}
result({ checked })
