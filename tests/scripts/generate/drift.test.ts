// The drift check behind `npm test`'s "generated is fresh" step: after a spec
// edit, exactly the files that spec produces are reported stale, and a stray
// file under generated/ is reported too. Runs on a temporary copy of the repo.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/lib/apis.ts';
import { buildArtifacts, findDrift } from '../../../scripts/lib/generation.ts';

const copy = mkdtempSync(join(tmpdir(), 'rtc-drift-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it("reports the edited spec's outputs as stale, and nothing else but a stray file", async () => {
  for (const part of ['openapi', 'generated', 'redocly.yaml']) cpSync(join(repoRoot, part), join(copy, part), { recursive: true });
  const spec = join(copy, 'openapi', 'signalwire-video.yaml');
  writeFileSync(spec, readFileSync(spec, 'utf8').replace('description: Unique ID of the conference token.', 'description: The conference token id.'));
  writeFileSync(join(copy, 'generated', 'hand-written.ts'), 'export {};\n');

  const drift = findDrift(copy, await buildArtifacts(copy));

  expect(drift.stale).toContain('generated/bundled/signalwire-video.json');
  expect(drift.stale).toContain('generated/types/signalwire-video.ts');
  expect(drift.stale.filter((p) => !p.includes('signalwire-video'))).toEqual([]);
  expect(drift.extra).toEqual(['generated/hand-written.ts']);
}, 30_000);
