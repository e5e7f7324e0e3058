// Usage: node bench.mjs <plan.json> <result.json>
// plan: { csvDir, schema: [ddl...], copies: [{table, file}], workloads: [{name, cypher, params: [ {...}, ... ], runs?}],
//         runs, warmup, budgetMs?, threads?, maxDbBytes? }
// Writes one JSON object to result.json (a file, not stdout: a result of 70+ KB came back from the pipe corrupted once): { load: {ms, parts: [{table, ms}]}, workloads: [{name, ms: [per run], rows, error?}], peakRssMb,
//   phases: [{phase, startRssMb, peakRssMb, sinceStart}] (load, queries), runtime }.
// Progress goes to stderr. Each workload runs `runs` times (its own or the plan's), cycling through its parameter sets, after `warmup` (its own or the plan's) untimed
// runs, and stops early once its timed runs have used `budgetMs`. A failing workload is reported, not fatal.
// After a workload's timed runs, untimed, each parameter set runs once more and its rows' values are digested as
// RowDigest.cs does on the .NET sides (rowDigests: ["rows:hash", ...]; in order when the workload's rowsOrdered).
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

// RowDigest.cs, the same arithmetic in 32-bit lanes: a cell is a type tag, its canonical text and U+001F; a row's text
// hashes into FNV-1a and a Murmur-style lane, each finished with Murmur3's mixer; rows add (multiset) or multiply-add (ordered).
const finish = h => {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
};
const cellText = v => {
  if (v === null || v === undefined) return 'n';
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'bigint') return 'i' + v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2 ** 53 ? 'i' + v.toString() : 'f' + String(v);
  if (typeof v === 'boolean') return 'b' + v;
  return 'o' + JSON.stringify(v);
};
const digestRows = (rows, columns, ordered) => {
  let sumFnv = 0, sumMix = 0;
  for (const row of rows) {
    let fnv = 2166136261, mix = 0x9747b28c;
    for (const column of columns) {
      const text = cellText(row[column]) + '\u001f';
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        fnv = Math.imul(fnv ^ c, 16777619);
        mix = Math.imul(mix ^ c, 0x5bd1e995);
        mix ^= mix >>> 15;
      }
    }
    const a = finish(fnv >>> 0), b = finish(mix >>> 0);
    sumFnv = ordered ? (Math.imul(sumFnv, 0x01000193) + a) >>> 0 : (sumFnv + a) >>> 0;
    sumMix = ordered ? (Math.imul(sumMix, 0x9E3779B1 | 0) + b) >>> 0 : (sumMix + b) >>> 0;
  }
  const hex = x => x.toString(16).padStart(8, '0');
  return `${rows.length}:${hex(sumFnv)}${hex(sumMix)}`;
};

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
    // untimed, after the timed runs: each parameter set's rows' values (the columns in the statement's order)
    const rowDigests = [];
    for (let i = 0; i < Math.max(1, w.params.length); i++) {
      const result = await conn.execute(prepared, w.params.length ? w.params[i] : {});
      const columns = await result.getColumnNames();
      rowDigests.push(digestRows(await result.getAll(), columns, !!w.rowsOrdered));
    }
    workloads.push({ name: w.name, ms, rows, rowDigests });
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
