// `rtc-token-apis breaking` as users run it: the package bin in a real child
// process, on two files, two directories (YAML and JSON, cross-file $refs)
// and a git ref, with each output format and exit code.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/apis.ts';

const execFileAsync = promisify(execFile);
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const bin = join(repoRoot, 'src', 'cli', 'main.ts');
let dir: string;

async function breaking(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return node([bin, 'breaking', ...args]);
}

/** The CLI under tsx; `nodeArgs` go before the script (e.g. `--import` of a resolve hook). */
async function node(args: string[], nodeArgs: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return execFileAsync(tsx, [...nodeArgs, ...args], { cwd: dir, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

const spec = (version: string) => `openapi: 3.0.3
info: {title: Rooms, version: '${version}'}
paths:
  /rooms/{roomId}/tokens:
    post:
      parameters:
        - {name: roomId, in: path, required: true, schema: {type: string}}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: 'schemas.yaml#/Token'}
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breaking-cli-'));
  write('v1/rooms.yaml', spec('1'));
  write('v1/schemas.yaml', 'Token: {type: object, required: [token], properties: {token: {type: string}}}\n');
  write('v2/rooms.yaml', spec('2'));
  write('v2/schemas.yaml', 'Token: {type: object, properties: {token: {type: string, nullable: true}}}\n');
  // The same base as JSON, so a YAML and a JSON spec can be compared.
  write(
    'json/rooms.json',
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Rooms', version: '1' },
      paths: {
        '/rooms/{id}/tokens': {
          post: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              '201': {
                description: 'created',
                content: { 'application/json': { schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } } },
              },
            },
          },
        },
      },
    }),
  );
  write(
    'bad/null-parameter.yaml',
    "openapi: 3.1.0\ninfo: {title: Bad, version: '1'}\npaths:\n  /x:\n    get:\n      parameters: [null]\n      responses: {'200': {description: ok}}\n",
  );
  write('bad/swagger.yaml', "swagger: '2.0'\ninfo: {title: Old, version: '1'}\npaths: {}\n");
  write('bad/broken.yaml', 'openapi: 3.1.0\ninfo: [unclosed\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = '/paths/~1rooms~1{roomId}~1tokens/post/responses/201/content/application~1json/schema';
/** `Token` lives in schemas.yaml: its changes are reported there, relative to the input's root, via the operation's use. */
const TOKEN = 'schemas.yaml#/Token/properties/token';

describe('rtc-token-apis breaking <base> <head>', () => {
  it('compares two files across their $refs: text output, exit 1', async () => {
    const { code, stdout, stderr } = await breaking('v1/rooms.yaml', 'v2/rooms.yaml');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain(`BREAKING  v2/rooms.yaml  POST /rooms/{roomId}/tokens  ${TOKEN} (via ${SCHEMA})  response property \`token\` made optional`);
    expect(stdout).toContain(`${TOKEN}/type (via ${SCHEMA})  response value made nullable`);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('2 breaking, 0 non-breaking change(s) since v1/rooms.yaml');
  });

  it('exits 0 when nothing breaks, and compares JSON with YAML', async () => {
    expect(await breaking('v1/rooms.yaml', 'v1/rooms.yaml')).toMatchObject({ code: 0, stdout: '0 breaking, 0 non-breaking change(s) since v1/rooms.yaml\n' });
    const renamed = await breaking('json/rooms.json', 'v1/rooms.yaml');
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain('path parameter `id` renamed to `roomId`');
  });

  it('compares two directories and prints markdown or json', async () => {
    const markdown = await breaking('v1', 'v2', '--format', 'markdown');
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('### ⚠️ Breaking changes (2)');
    expect(markdown.stdout).toContain('| rooms.yaml | `POST /rooms/{roomId}/tokens` |');
    const json = await breaking('v1', 'v2', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.counts).toEqual({ breaking: 2, warning: 0, nonBreaking: 0 });
    expect(report.changes.map((c: { api: string; pointer: string; via: string }) => [c.api, c.pointer, c.via])).toEqual([
      ['rooms.yaml', TOKEN, SCHEMA],
      ['rooms.yaml', `${TOKEN}/type`, SCHEMA],
    ]);
  });

  it('prints usage on stdout and exits 0 for --help', async () => {
    const { code, stdout, stderr } = await breaking('--help');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^usage: rtc-token-apis breaking <base> <head>/);
  });

  it.each([
    [
      'bad/null-parameter.yaml',
      /^rtc-token-apis breaking: bad\/null-parameter.yaml: invalid OpenAPI document: \/paths\/~1x\/get\/parameters\/0 must be an object$/,
    ],
    ['bad/swagger.yaml', /^rtc-token-apis breaking: bad\/swagger.yaml: not an OpenAPI 3.0 or 3.1 document \(swagger 2.0\)$/],
    ['bad/broken.yaml', /^rtc-token-apis breaking: bad\/broken.yaml: not valid YAML: /],
    ['bad/missing.yaml', /^rtc-token-apis breaking: bad\/missing.yaml: no such file or directory$/],
  ])('exits 2 with one line naming %s (with --strict)', async (file, message) => {
    const { code, stdout, stderr } = await breaking('v1/rooms.yaml', file, '--strict');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it('reads a slightly invalid document leniently by default: a warning on stderr, the rest compared', async () => {
    const { code, stdout, stderr } = await breaking('bad/null-parameter.yaml', 'bad/null-parameter.yaml');
    expect(code).toBe(0);
    expect(stdout).toBe('0 breaking, 0 non-breaking change(s) since bad/null-parameter.yaml\n');
    expect(stderr).toContain('rtc-token-apis breaking: warning: bad/null-parameter.yaml: /paths/~1x/get/parameters/0 must be an object; ignored\n');
  });

  it('prints --help where the optional yaml package cannot be found (and the gate itself then needs it)', async () => {
    // A resolve hook makes `yaml` unresolvable for ES imports, as in an install without the optional peer.
    write(
      'no-yaml.mjs',
      `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) { if (s === 'yaml' || s.startsWith('yaml/')) { const e = new Error("Cannot find package 'yaml'"); e.code = 'ERR_MODULE_NOT_FOUND'; throw e; } return next(s, c); }\`));\n`,
    );
    const hook = ['--import', join(dir, 'no-yaml.mjs')];
    const help = await node([bin, 'breaking', '--help'], hook);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^usage: rtc-token-apis breaking <base> <head>/);
    // Control: the hook does hide yaml, so a comparison cannot load.
    expect((await node([bin, 'breaking', 'v1/rooms.yaml', 'v1/rooms.yaml'], hook)).stderr).toContain("Cannot find package 'yaml'");
  });

  it('refuses a $ref outside the input folder without opening it (the target is a FIFO that would block a read)', async () => {
    mkdirSync(join(dir, 'fifo', 'in'), { recursive: true });
    execFileSync('mkfifo', [join(dir, 'fifo', 'trap.yaml')]);
    write('fifo/in/api.yaml', spec('1').replace("{$ref: 'schemas.yaml#/Token'}", "{$ref: '../trap.yaml'}"));
    const { code, stderr } = await breaking('fifo/in/api.yaml', 'fifo/in/api.yaml');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'rtc-token-apis breaking: fifo/in/api.yaml: $ref ../trap.yaml at /paths/~1rooms~1{roomId}~1tokens/post/responses/201/content/application~1json/schema points outside fifo/in (fifo/trap.yaml); pass --allow-outside-root to read it\n',
    );
  });

  it('compares a path as committed at a git ref with the working tree', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=R', '-c', 'user.email=r@example.test', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '--quiet');
    git('add', 'v1');
    git('commit', '--quiet', '-m', 'v1');
    write('v1/schemas.yaml', 'Token: {type: object, required: [token], properties: {token: {type: string, format: uuid}}}\n');
    const text = await breaking('--base', 'HEAD', 'v1/rooms.yaml');
    expect(text.code).toBe(0);
    // With --base the root is the repository: the file is named from there.
    expect(text.stdout).toContain(`ok        v1/rooms.yaml  POST /rooms/{roomId}/tokens  v1/${TOKEN}/format (via ${SCHEMA})  response format \`uuid\` added`);
    expect(await breaking('--base', 'no-such-ref', 'v1')).toMatchObject({ code: 2, stderr: 'rtc-token-apis breaking: unknown git ref: no-such-ref\n' });
  });
});
