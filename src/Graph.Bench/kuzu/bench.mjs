// Usage: node bench.mjs <plan.json>
// plan: { csvDir, schema: [ddl...], copies: [{table, file}], workloads: [{name, cypher, params: [ {...}, ... ]}], runs, warmup }
// Prints one JSON object: { load: {ms}, workloads: [{name, ms: [per run]}], peakRssMb }.
// Each workload runs `runs` times, cycling through its parameter sets, after `warmup` untimed runs.
import kuzu from 'kuzu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const db = new kuzu.Database(':memory:', 0, true, false, plan.maxDbBytes ?? 8 * 1024 * 1024 * 1024);
const conn = new kuzu.Connection(db, plan.threads ?? 2);
const now = () => Number(process.hrtime.bigint()) / 1e6;

for (const ddl of plan.schema) await conn.query(ddl);
const loadStart = now();
for (const copy of plan.copies) {
  await conn.query(`COPY ${copy.table} FROM '${join(plan.csvDir, copy.file).replaceAll("'", "\\'")}' (HEADER=true)`);
}
const load = { ms: now() - loadStart };

const workloads = [];
for (const w of plan.workloads) {
  const prepared = await conn.prepare(w.cypher);
  if (!prepared.isSuccess()) throw new Error(`${w.name}: ${prepared.getErrorMessage()}`);
  const run = async i => {
    const params = w.params.length ? w.params[i % w.params.length] : {};
    const result = await conn.execute(prepared, params);
    const rows = await result.getAll();
    return rows.length;
  };
  for (let i = 0; i < (plan.warmup ?? 2); i++) await run(i);
  const ms = [];
  let rows = 0;
  for (let i = 0; i < plan.runs; i++) {
    const t = now();
    rows = await run(i);
    ms.push(now() - t);
  }
  workloads.push({ name: w.name, ms, rows });
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ load, workloads, peakRssMb }));
process.exit(0);
