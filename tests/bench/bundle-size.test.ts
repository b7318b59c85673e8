import { describe, expect, it } from 'vitest';
import { bundleEntry } from '../../bench/bundle-size.ts';

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
});
