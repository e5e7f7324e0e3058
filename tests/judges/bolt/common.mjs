// Shared by the judge scripts: where graph serve listens and who may log in (environment set by the .NET test),
// and one line of facts at the end ("RESULT {json}") for the test to check and report.
import neo4j from 'neo4j-driver'

export const env = {
  bolt: process.env.BOLT_URI,            // bolt://127.0.0.1:<port>
  http: process.env.HTTP_URI,            // http://127.0.0.1:<port>
  user: process.env.EDITOR_USER,
  password: process.env.EDITOR_PASSWORD,
  reader: process.env.READER_USER,
  readerPassword: process.env.READER_PASSWORD
}

for (const [name, value] of Object.entries(env)) {
  if (!value) throw new Error(`judge: environment variable for ${name} is not set (the .NET test sets BOLT_URI, HTTP_URI, EDITOR_USER, ...)`)
}

export function routingUri () {
  return env.bolt.replace(/^bolt:/, 'neo4j:')
}

export function editor (uri = env.bolt, config = {}) {
  return neo4j.driver(uri, neo4j.auth.basic(env.user, env.password), { logging: { level: 'error', logger: (level, message) => console.error(`[driver ${level}] ${message}`) }, ...config })
}

export function reader (uri = env.bolt) {
  return neo4j.driver(uri, neo4j.auth.basic(env.reader, env.readerPassword))
}

/** Runs fn; a thrown error is expected and returned. */
export async function failure (fn) {
  try {
    await fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a failure, but the call succeeded')
}

export function result (facts) {
  console.log('RESULT ' + JSON.stringify(facts, (_, v) => typeof v === 'bigint' ? v.toString() : v))
}

export { neo4j }
