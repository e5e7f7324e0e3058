import { register } from 'node:module'
register('./labs-wrapper-hooks.mjs', import.meta.url)
