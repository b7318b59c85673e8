// The unit the vitest budget is measured in (bench/budgets.ts, vitestRatio):
// a fixed workload on two threads, as many as the fast project's workers,
// timed just before and just after the fast suite in the same bench run. On
// a loaded machine both stretch alike, so the suite's time over this one says
// how much work the suite is, where a wall time alone would say how busy the
// machine was. The work is fixed in code (no file of the repo is read), so
// the unit does not grow with the repo: JSON round trips, regular
// expressions and SHA-256 over generated data, the kinds of work a test run
// does between its imports.
import { Worker } from 'node:worker_threads';

const WORK = `
const { createHash } = require('node:crypto');
const doc = { paths: {} };
for (let i = 0; i < 200; i++) doc.paths['/things/' + i] = { post: { operationId: 'op_' + i, responses: { 200: { description: 'ok '.repeat(20), content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z]+$' } } } } } } } } };
let sink = 0;
for (let round = 0; round < 2500; round++) {
  const text = JSON.stringify(doc);
  const back = JSON.parse(text);
  for (const key of Object.keys(back.paths)) if (/^\\/things\\/(\\d+)$/.test(key)) sink += key.length;
  sink += createHash('sha256').update(text).digest()[0];
}
require('node:worker_threads').parentPort.postMessage(sink);
`;

function thread(): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORK, { eval: true });
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
}

/** The calibration workload, two threads at once: its wall time and CPU time (this process, every thread), ms. */
export async function calibrate(): Promise<{ ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all([thread(), thread()]);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}
