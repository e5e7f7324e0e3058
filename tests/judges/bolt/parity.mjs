// Runs statements (a JSON file from the .NET test: [{statement, parameters}]) over Bolt and prints their results in
// Neo4j's typed JSON ({"$type": ..., "_value": ...}) so the test can compare them with the engine in process.
import { readFile } from 'node:fs/promises'
import { neo4j, editor } from './common.mjs'

const typed = (value) => {
  if (value === null || value === undefined) return { $type: 'Null', _value: null }
  if (typeof value === 'boolean') return { $type: 'Boolean', _value: value }
  if (neo4j.isInt(value)) return { $type: 'Integer', _value: value.toString() }
  if (typeof value === 'number') return { $type: 'Float', _value: Number.isFinite(value) ? String(value) : (Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity') }
  if (typeof value === 'string') return { $type: 'String', _value: value }
  if (value instanceof Int8Array) return { $type: 'Base64', _value: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
  if (Array.isArray(value)) return { $type: 'List', _value: value.map(typed) }
  if (neo4j.isNode(value)) return { $type: 'Node', _value: { _element_id: value.elementId, _labels: value.labels, _properties: typedMap(value.properties) } }
  if (neo4j.isRelationship(value)) {
    return { $type: 'Relationship', _value: { _element_id: value.elementId, _type: value.type, _start_node_element_id: value.startNodeElementId, _end_node_element_id: value.endNodeElementId, _properties: typedMap(value.properties) } }
  }
  if (neo4j.isPath(value)) {
    const items = [typed(value.start)]
    for (const s of value.segments) items.push(typed(s.relationship), typed(s.end))
    return { $type: 'Path', _value: items }
  }
  return { $type: 'Map', _value: typedMap(value) }
}
const typedMap = (map) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, typed(v)]))

// Parameters arrive as typed JSON too: integers must stay integers.
const untyped = (v) => {
  switch (v.$type) {
    case 'Integer': return neo4j.int(v._value)
    case 'Float': return Number(v._value)
    case 'List': return v._value.map(untyped)
    case 'Map': return Object.fromEntries(Object.entries(v._value).map(([k, x]) => [k, untyped(x)]))
    default: return v._value
  }
}

const statements = JSON.parse(await readFile(process.argv[2], 'utf8'))
const driver = editor()
const outcomes = []
try {
  for (const { statement, parameters } of statements) {
    const session = driver.session()
    try {
      const running = session.run(statement, Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, untyped(v)])))
      const keys = await running.keys()
      const { records, summary } = await running
      outcomes.push({ keys, rows: records.map(r => keys.map(k => typed(r.get(k)))), counters: summary.counters.updates() })
    } catch (e) {
      outcomes.push({ error: e.code })
    } finally {
      await session.close()
    }
  }
} finally {
  await driver.close()
}
console.log('RESULT ' + JSON.stringify(outcomes))
