// The overlays the Specmatic harness applies itself (Specmatic ignores
// --overlay-file once --examples is given): each changes exactly what its
// comment says, and a target that matches nothing is an error, not a no-op.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/apis.ts';
import { applyOverlay } from '../../../scripts/lib/specmatic.ts';

const bundle = (api: string) => JSON.parse(readFileSync(join(repoRoot, 'generated', 'bundled', `${api}.json`), 'utf8'));
const overlay = (api: string) => parse(readFileSync(join(repoRoot, 'specmatic', 'overlays', `${api}.yaml`), 'utf8'));

describe('Specmatic overlays', () => {
  it('proconf-admin: anonymous calls only, for the contract run', () => {
    const doc = bundle('proconf-admin');
    expect(doc.paths['/api/proconf-token'].post.security).toEqual([{}, { DeploymentCredential: [] }]);
    const patched = applyOverlay(doc, overlay('proconf-admin'));
    expect(patched.security).toBeUndefined();
    expect(patched.paths['/api/proconf-token'].post.security).toBeUndefined();
    expect(doc.paths['/api/proconf-token'].post.security).toHaveLength(2); // the input is not touched
  });

  it('signalwire-fabric: the fingerprint pattern spelled with its length, nothing else', () => {
    const doc = bundle('signalwire-fabric');
    const patched = applyOverlay(doc, overlay('signalwire-fabric'));
    const before = doc.components.schemas.SubscriberTokenRequest.properties.fingerprint;
    const after = patched.components.schemas.SubscriberTokenRequest.properties.fingerprint;
    expect(after).toEqual({ ...before, pattern: '^[A-Za-z0-9_-]{43}$' });
    expect({ ...patched, components: undefined }).toEqual({ ...doc, components: undefined });
  });

  it('refuses a target that matches nothing', () => {
    expect(() => applyOverlay({ a: {} }, { actions: [{ target: "$.a['missing']", remove: true }] })).toThrow(/matches nothing/);
  });
});
