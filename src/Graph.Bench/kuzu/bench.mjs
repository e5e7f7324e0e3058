// Usage: node bench.mjs <plan.json> <result.json>
// plan: { csvDir, schema: [ddl...], copies: [{table, file}], workloads: [{name, cypher, params: [ {...}, ... ], runs?}],
//         runs, warmup, budgetMs?, threads?, maxDbBytes? }
// Writes one JSON object to result.json (a file, not stdout: a result of 70+ KB came back from the pipe corrupted once): { load: {ms, parts: [{table, ms}]}, workloads: [{name, ms: [per run], rows, error?}], peakRssMb,
//   phases: [{phase, startRssMb, peakRssMb, sinceStart}] (load, queries), runtime }.
// Progress goes to stderr. Each workload runs `runs` times (its own or the plan's), cycling through its parameter sets, after `warmup` (its own or the plan's) untimed
// runs, and stops early once its timed runs have used `budgetMs`. A failing workload is reported, not fatal.
import kuzu from 'kuzu';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const db = new kuzu.Database(':memory:', 0, true, false, plan.maxDbBytes ?? 8 * 1024 * 1024 * 1024);
const conn = new kuzu.Connection(db, plan.threads ?? 2);
const now = () => Number(process.hrtime.bigint()) / 1e6;

// Peak memory per phase, as our worker measures it: VmHWM from /proc/self/status, reset by writing 5 to
// /proc/self/clear_refs at a phase's start (where /proc refuses, the peak is the process's so far).
const statusMb = field => {
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find(l => l.startsWith(field));
    if (line) return Number(line.split(/\s+/)[1]) / 1024;
  } catch { /* no /proc */ }
  return process.resourceUsage().maxRSS / 1024;
};
const startPhase = () => {
  let reset = true;
  try { writeFileSync('/proc/self/clear_refs', '5'); } catch { reset = false; }
  return { reset, startRssMb: statusMb('VmRSS:') };
};
const phases = [];
const endPhase = (phase, started) =>
  phases.push({ phase, startRssMb: started.startRssMb, peakRssMb: statusMb('VmHWM:'), sinceStart: !started.reset });

const loadPhase = startPhase();
for (const ddl of plan.schema) await conn.query(ddl);
const loadStart = now();
const parts = [];
for (const copy of plan.copies) {
  const t = now();
  await conn.query(`COPY ${copy.table} FROM '${join(plan.csvDir, copy.file).replaceAll("'", "\\'")}' (HEADER=true)`);
  parts.push({ table: copy.table, ms: now() - t });
  console.error(`  Kùzu: COPY ${copy.table} ${(now() - t).toFixed(0)} ms`);
}
const load = { ms: now() - loadStart, parts };
endPhase('load', loadPhase);
const queriesPhase = startPhase();

const workloads = [];
for (const w of plan.workloads) {
  try {
    const prepared = await conn.prepare(w.cypher);
    if (!prepared.isSuccess()) throw new Error(prepared.getErrorMessage());
    const run = async i => {
      const params = w.params.length ? w.params[i % w.params.length] : {};
      const result = await conn.execute(prepared, params);
      const rows = await result.getAll();
      return rows.length;
    };
    for (let i = 0; i < (w.warmup ?? plan.warmup ?? 2); i++) await run(i);
    const ms = [];
    const rows = [];
    const runs = w.runs ?? plan.runs;
    let spent = 0;
    for (let i = 0; i < runs && (i === 0 || spent < (plan.budgetMs ?? Infinity)); i++) {
      const t = now();
      rows.push(await run(i));
      const took = now() - t;
      ms.push(took);
      spent += took;
    }
    workloads.push({ name: w.name, ms, rows });
    console.error(`  Kùzu: ${w.name}: ${ms.length} runs, ${spent.toFixed(0)} ms`);
  } catch (e) {
    workloads.push({ name: w.name, ms: [], rows: [], error: String(e?.message ?? e) });
  }
}
endPhase('queries', queriesPhase);
// The process's peak is the largest phase's (a reset also lowers what getrusage reports).
const peakRssMb = Math.max(...phases.map(p => p.peakRssMb));
writeFileSync(process.argv[3], JSON.stringify({ load, workloads, peakRssMb, phases, runtime: `node ${process.version}, kuzu ${kuzu.VERSION ?? '0.11.3'}` }));
process.exit(0);
