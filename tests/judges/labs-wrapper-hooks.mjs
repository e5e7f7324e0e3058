// @neo4j-labs/experimental-query-api-wrapper 0.0.1-alpha07 ships ES-module code (with extensionless relative
// imports, as bundlers accept) in a package marked "type": "commonjs", so plain Node cannot load it. These
// module hooks load that one package as ES modules and resolve its relative imports; nothing else is touched.
// Used through register-labs-wrapper.mjs: node --import ./register-labs-wrapper.mjs script.mjs
import { existsSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const packagePath = '/node_modules/@neo4j-labs/experimental-query-api-wrapper/'
const inPackage = (url) => url?.startsWith('file:') && fileURLToPath(url).replaceAll('\\', '/').includes(packagePath)

export async function resolve (specifier, context, next) {
  if (inPackage(context.parentURL) && specifier.startsWith('.') && !/\.[cm]?js$/.test(specifier)) {
    const base = fileURLToPath(new URL(specifier, context.parentURL))
    for (const candidate of [base + '.js', base + '/index.js']) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return { url: pathToFileURL(candidate).href, format: 'module', shortCircuit: true }
    }
  }
  return next(specifier, context)
}

export async function load (url, context, next) {
  if (inPackage(url) && url.endsWith('.js')) return next(url, { ...context, format: 'module' })
  return next(url, context)
}
