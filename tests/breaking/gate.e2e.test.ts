// The gate against a real git repository in a temporary folder: a copy of
// this project's specs, committed twice, with a breaking edit in between.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/apis.ts';
import { GateError } from '../../src/breaking/errors.ts';
import { runGate } from '../../src/breaking/gate.ts';

const run = promisify(execFile);
let repo: string;

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Reviewer', '-c', 'user.email=reviewer@example.test', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    stdio: 'pipe',
  });

/** Replaces one snippet in a file of the temp repo; returns a function that undoes it. */
function edit(file: string, from: string, to: string): () => void {
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  writeFileSync(path, text.replace(from, to));
  return () => writeFileSync(path, text);
}

const SCHEMAS = 'openapi/components/signalwire/schemas.yaml';
/** In the shared schemas file, named from the repository (the root with --base), via the operation's 422 body. */
const URL_POINTER = `${SCHEMAS}#/ValidationError/properties/url (via /paths/~1api~1fabric~1guests~1tokens/post/responses/422/content/application~1json/schema)`;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'gate-e2e-'));
  cpSync(join(repoRoot, 'redocly.yaml'), join(repo, 'redocly.yaml'));
  cpSync(join(repoRoot, 'openapi'), join(repo, 'openapi'), { recursive: true });
  git('init', '--quiet');
  git('add', '.');
  git('commit', '--quiet', '-m', 'specs v1');
  // Breaking: the 422 item's `url` is no longer promised. Not breaking: a new region clients may send.
  edit(SCHEMAS, 'required: [type, code, message, url]', 'required: [type, code, message]');
  edit(SCHEMAS, 'enum: [us-central]', 'enum: [us-central, us-east]');
  git('commit', '--quiet', '-am', 'specs v2');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('npm run check:breaking', () => {
  it('prints a markdown changelog, breaking first, and exits 1', async () => {
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const script = join(repoRoot, 'scripts', 'check-breaking.ts');
    const result = await run(tsx, [script, '--base', 'HEAD~1', '--format', 'markdown'], { cwd: repo }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(result.code).toBe(1);
    const { stdout } = result;
    const breaking = stdout.indexOf('### ⚠️ Breaking changes');
    const other = stdout.indexOf('### Other changes');
    expect(breaking).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(breaking);
    expect(stdout.slice(breaking, other)).toContain(
      `| signalwire-fabric | \`POST /api/fabric/guests/tokens\` | \`${URL_POINTER}\` | response property \`url\` made optional`,
    );
    expect(stdout.slice(other)).toContain('request enum accepts `us-east`');
    expect(stdout.slice(other)).not.toContain('made optional');
  });

  it('finds nothing against the same commit, then sees uncommitted edits in the working tree', async () => {
    const clean = runGate({ mode: 'ref', ref: 'HEAD', path: '.' }, 'text', repo);
    expect(clean.changes).toEqual([]);
    expect(clean.breaking).toBe(false);

    const undo = edit('openapi/signalwire-video.yaml', 'https://{space_name}.signalwire.com', 'https://{space_name}.signalwire.com/v2');
    try {
      const dirty = runGate({ mode: 'ref', ref: 'HEAD', path: '.' }, 'text', repo);
      expect(dirty.changes.map((c) => [c.api, c.operation, c.pointer, c.breaking])).toEqual([['signalwire-video', '*', '/servers/0/url', true]]);
      expect(dirty.output).toContain('server base path changed from `/` to `/v2`');
    } finally {
      undo();
    }
  });

  it('rejects an unknown ref with a typed error', async () => {
    expect(() => runGate({ mode: 'ref', ref: 'no-such-ref', path: '.' }, 'text', repo)).toThrow(GateError);
    expect(() => runGate({ mode: 'ref', ref: 'no-such-ref', path: '.' }, 'text', repo)).toThrow('unknown git ref: no-such-ref');
  });
});
