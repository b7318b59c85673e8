// Quick paired check for tuning: alternates batches of our client and bare
// openapi-fetch against the stub and prints the median ratio and its IQR.
// With `--cpu-prof`, profile one contender alone: `node --import tsx --cpu-prof bench/profile-overhead.ts ours`.
import { BARE, OURS, contenders } from './contenders.ts';
import { stubFetch } from './fixtures.ts';
import { median, quantile } from './stats.ts';

const list = contenders({ name: 'stub', fetch: stubFetch, baseUrl: 'http://127.0.0.1:9' });
const ours = list.find((x) => x.name === OURS)!;
const bare = list.find((x) => x.name === BARE)!;
const only = process.argv[2];
async function time(c: { call: () => Promise<unknown> }, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await c.call();
  return ((performance.now() - t0) * 1000) / n;
}
if (only) {
  console.log(only, await time(only === 'bare' ? bare : ours, 150000), 'us/call');
} else {
  await time(ours, 5000);
  await time(bare, 5000);
  const ratios: number[] = [];
  for (let r = 0; r < 60; r++) {
    const [a, b] = r % 2 ? [await time(ours, 500), await time(bare, 500)] : [0, 0].map(() => 0);
    if (r % 2) ratios.push(a! / b!);
    else {
      const b2 = await time(bare, 500);
      const a2 = await time(ours, 500);
      ratios.push(a2 / b2);
    }
  }
  console.log(`ratio median ${median(ratios).toFixed(3)} IQR ${quantile(ratios, 0.25).toFixed(3)}–${quantile(ratios, 0.75).toFixed(3)}`);
}
