import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../../bench/budgets.ts';
import { bundleEntry, ENTRIES } from '../../bench/bundle-size.ts';
import { PROCONF_APP_ENTRY, SIGNALWIRE_APP_CLIENT, SIGNALWIRE_APP_ENTRY } from '../../bench/report.ts';

const entry = (name: string) => ENTRIES.find((e) => e.name === name)!;
/** What a browser client never needs: openapi-fetch and the raw clients' middleware, and retries unless imported. */
const NOT_IN_BROWSER_CLIENT = /node_modules\/openapi-fetch\/|src\/core\/(transport|retry|raw)\.ts$/;

describe('bench bundle sizes', () => {
  it('bundles the SignalWire entry with openapi-fetch and without validation code', async () => {
    const b = await bundleEntry({ name: 'sw', contents: "export * from './src/signalwire/index.ts';", validation: false });
    // Paths are relative to the working directory; node_modules may be a link elsewhere.
    expect(b.breakdown.some(([path]) => path.endsWith('node_modules/openapi-fetch/dist/index.mjs'))).toBe(true);
    expect(b.leaked).toEqual([]);
    expect(b.gzipBytes).toBeGreaterThan(1000);
    expect(b.gzipBytes).toBeLessThan(b.rawBytes);
  });

  it('detects validation code pulled into an entry that claims not to import it', async () => {
    const b = await bundleEntry({ name: 'leaky', contents: "export { signalWireValidation } from './src/validation/index.ts';", validation: false });
    expect(b.leaked.some((p) => p.startsWith('generated/validators/'))).toBe(true);
  });

  // Issues 11 and 20: the browser clients run on the one call path (src/core/call.ts), within their budgets.
  for (const [name, budget] of [
    [PROCONF_APP_ENTRY, BUDGETS.proconfAppGzip],
    [SIGNALWIRE_APP_ENTRY, BUDGETS.signalwireAppGzip],
    [SIGNALWIRE_APP_CLIENT, BUDGETS.signalwireAppClientGzip],
  ] as const) {
    it(`${name}: within ${(budget / 1024).toFixed(2)} KB gzip, on the one call path, without openapi-fetch`, async () => {
      const b = await bundleEntry(entry(name));
      expect(b.gzipBytes).toBeLessThanOrEqual(budget);
      const inputs = b.breakdown.map(([path]) => path);
      // The entry exports retryPolicy (browser clients retry too); the clients alone carry none of it.
      expect(inputs.filter((path) => NOT_IN_BROWSER_CLIENT.test(path) && !(name === SIGNALWIRE_APP_ENTRY && path.endsWith('retry.ts')))).toEqual([]);
      expect(inputs.some((path) => path.endsWith('src/core/call.ts'))).toBe(true);
      expect(b.leaked).toEqual([]);
    });
  }

  it("the browser clients' budgets are issues 11 and 16's 5.0 KB or less", () => {
    expect(BUDGETS.proconfAppGzip).toBeLessThanOrEqual(5 * 1024);
    expect(BUDGETS.signalwireAppClientGzip).toBeLessThanOrEqual(5 * 1024);
  });

  it('keeps only the operation-table rows an entry uses', async () => {
    const b = await bundleEntry(entry(PROCONF_APP_ENTRY));
    const table = b.breakdown.find(([path]) => path.endsWith('generated/operations.ts'));
    // One row (get_proconf_token) is about 130 bytes minified; the whole table is over 1 KB.
    expect(table?.[1]).toBeLessThan(300);
  });
});
