// How the gate reads its inputs: $refs and redocly.yaml roots confined to
// each input's root (refused before anything outside is read), the size
// limit (checked before reading), lenient reading with --strict, and the
// one-line errors of point 11 (YAML syntax, missing $ref target).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/breaking/cli.ts';
import { loadResolved } from '../../src/breaking/load-resolved.ts';
import { parseSpecText } from '../../src/breaking/parse.ts';
import { fileSource, type Source } from '../../src/breaking/source.ts';

let dir: string;
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const spec = (schema: string) => `openapi: 3.1.0
info: {title: C, version: '1'}
paths:
  /x:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: ${schema}}}}
`;

function run(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = main(argv, { cwd: dir, io: { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) } });
  return { code, ...out };
}

/** The file source, recording every path it sizes or reads. */
function recording(): { source: Source; touched: string[] } {
  const inner = fileSource(dir);
  const touched: string[] = [];
  return {
    touched,
    source: {
      ...inner,
      size(path) {
        touched.push(path);
        return inner.size(path);
      },
      read(path) {
        touched.push(path);
        return inner.read(path);
      },
    },
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breaking-inputs-'));
  write('outside/secret.yaml', 'type: string\n');
  write('in/relative.yaml', spec("{$ref: '../outside/secret.yaml'}"));
  write('in/absolute.yaml', spec(`{$ref: '${join(dir, 'outside', 'secret.yaml')}'}`));
  write('in/missing-file.yaml', spec("{$ref: 'nope.yaml#/Thing'}"));
  write('in/missing-pointer.yaml', spec("{$ref: 'parts.yaml#/Nope'}"));
  write('in/parts.yaml', 'Thing: {type: string}\n');
  write('in/broken.yaml', 'openapi: 3.1.0\ninfo: {title: x\n  bad: [\n');
  write('in/no-responses.yaml', "openapi: 3.1.0\ninfo: {title: C, version: '1'}\npaths:\n  /x:\n    get:\n      responses: 'none'\n");
  write('in/schema-string.yaml', spec("'a string, not a schema'"));
  write(
    'in/path-servers.yaml',
    "openapi: 3.1.0\ninfo: {title: C, version: '1'}\npaths:\n  /x:\n    servers: 5\n    get:\n      responses: {'200': {description: ok}}\n",
  );
  write(
    'in/callback-parameters.yaml',
    "openapi: 3.1.0\ninfo: {title: C, version: '1'}\npaths:\n  /x:\n    post:\n      responses: {'201': {description: ok}}\n      callbacks: {done: {'{$request.body#/url}': {post: {parameters: 5}}}}\n",
  );
  write('config/redocly.yaml', 'apis:\n  leak: {root: ../outside/secret.yaml}\n');
  // 50 MB without writing 50 MB: a sparse file.
  write('big/huge.json', '');
  truncateSync(join(dir, 'big/huge.json'), 50 * 1024 * 1024);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('confinement to the input root', () => {
  it.each([
    ['in/relative.yaml', '../outside/secret.yaml'],
    ['in/absolute.yaml', '/outside/secret.yaml'],
  ])('%s: the $ref is refused, naming the referencing document and pointer, and the target is never read', (file, ref) => {
    const { source, touched } = recording();
    expect(() => loadResolved(source, join(dir, file), { root: join(dir, 'in'), maxBytes: 1e6 })).toThrow(
      new RegExp(`^${file}: \\$ref \\S*${ref.replace(/[.]/g, '\\.')} at /paths/~1x/get/responses/200/content/application~1json/schema points outside in `),
    );
    expect(new Set(touched)).toEqual(new Set([join(dir, file)]));
  });

  it('refuses through the CLI too (exit 2, one line), and reads the file with --allow-outside-root', () => {
    const refused = run('in/relative.yaml', 'in/relative.yaml');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^rtc-token-apis breaking: in\/relative.yaml: \$ref \.\.\/outside\/secret\.yaml at .* pass --allow-outside-root to read it\n$/,
    );
    expect(run('in/relative.yaml', 'in/relative.yaml', '--allow-outside-root')).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a redocly.yaml root outside the directory', () => {
    const { code, stderr } = run('config', 'config');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'rtc-token-apis breaking: config/redocly.yaml: api leak root ../outside/secret.yaml points outside config (outside/secret.yaml); pass --allow-outside-root to read it\n',
    );
  });
});

describe("confinement to a git ref's tree", () => {
  it('refuses an absolute $ref in a file at a ref, naming the ref as the root', () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'api'), { recursive: true });
    writeFileSync(join(repo, 'api/a.yaml'), spec("{$ref: '/etc/passwd'}"));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=gate@example.com', '-c', 'user.name=gate', ...args], { cwd: repo });
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'a');
    const out = { stdout: '', stderr: '' };
    const code = main(['--base', 'HEAD', 'api/a.yaml'], { cwd: repo, io: { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) } });
    expect({ code, ...out }).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'rtc-token-apis breaking: HEAD:api/a.yaml: $ref /etc/passwd at /paths/~1x/get/responses/200/content/application~1json/schema points outside HEAD (HEAD:/etc/passwd); pass --allow-outside-root to read it\n',
    });
  });
});

describe('size limit', () => {
  it('refuses a 50 MB input by its size, before reading it, in one line', () => {
    const { source, touched } = recording();
    expect(() => loadResolved(source, join(dir, 'big/huge.json'), { maxBytes: 10 * 1024 * 1024 })).toThrow(
      'big/huge.json: input is over the 10.0 MB limit (50.0 MB read for this API); raise it with --max-size <MB>',
    );
    // Sized, never read.
    expect(touched).toEqual([join(dir, 'big/huge.json')]);
    const { code, stderr } = run('big/huge.json', 'big/huge.json');
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--max-size raises it: the file is then read (and here found not to be JSON)', () => {
    expect(run('big/huge.json', 'big/huge.json', '--max-size', '60').stderr).toMatch(/^rtc-token-apis breaking: big\/huge.json: not valid JSON: /);
  });
});

describe('lenient reading, --strict', () => {
  it.each([
    ['in/no-responses.yaml', '/paths/~1x/get/responses must be an object'],
    ['in/schema-string.yaml', '/paths/~1x/get/responses/200/content/application~1json/schema must be a schema (an object or a boolean)'],
    ['in/path-servers.yaml', '/paths/~1x/servers must be an array of objects with a string `url`'],
    ['in/callback-parameters.yaml', '/paths/~1x/post/callbacks/done/{$request.body#~1url}/post/parameters must be an array'],
  ])('%s: compared with a warning by default, refused with --strict', (file, problem) => {
    expect(run(file, file)).toEqual({
      code: 0,
      stdout: `0 breaking, 0 non-breaking change(s) since ${file}\n`,
      stderr: `rtc-token-apis breaking: warning: ${file}: ${problem}; ignored\n`,
    });
    expect(run(file, file, '--strict')).toEqual({ code: 2, stdout: '', stderr: `rtc-token-apis breaking: ${file}: invalid OpenAPI document: ${problem}\n` });
  });

  it('lists the warnings in the JSON report', () => {
    const report = JSON.parse(run('in/no-responses.yaml', 'in/no-responses.yaml', '--json').stdout);
    expect(report.warnings).toEqual(['in/no-responses.yaml: /paths/~1x/get/responses must be an object; ignored']);
  });
});

describe('parsing', () => {
  it('reads JSON text with JSON.parse whatever the file is called (a duplicate key, which YAML refuses, reads as JSON does)', () => {
    expect(parseSpecText('\uFEFF {"openapi": "3.1.0", "a": 1, "a": 2}', 'spec.yaml')).toEqual({ openapi: '3.1.0', a: 2 });
    expect(() => parseSpecText('openapi: 3.1.0\na: 1\na: 2\n', 'spec.yaml')).toThrow(/spec\.yaml: not valid YAML: Map keys must be unique/);
  });

  it('falls back to YAML for flow-style YAML that only looks like JSON', () => {
    expect(parseSpecText("{openapi: 3.1.0, info: {title: 'x'}}", 'spec.yaml')).toEqual({ openapi: '3.1.0', info: { title: 'x' } });
    expect(() => parseSpecText('{openapi: 3.1.0}', 'spec.json')).toThrow(/^spec\.json: not valid JSON: /);
  });
});

describe('one-line errors', () => {
  it('a YAML syntax error names the position, with no dangling colon', () => {
    const { code, stderr } = run('in/broken.yaml', 'in/broken.yaml');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rtc-token-apis breaking: in\/broken.yaml: not valid YAML: .* at line 2, column \d+\n$/);
  });

  it.each([
    [
      'in/missing-file.yaml',
      'in/missing-file.yaml: $ref nope.yaml#/Thing at /paths/~1x/get/responses/200/content/application~1json/schema: in/nope.yaml: no such file',
    ],
    ['in/missing-pointer.yaml', 'in/missing-pointer.yaml: unresolved $ref parts.yaml#/Nope at /paths/~1x/get/responses/200/content/application~1json/schema'],
  ])('a missing $ref target names the document that referenced it: %s', (file, message) => {
    expect(run(file, file)).toEqual({ code: 2, stdout: '', stderr: `rtc-token-apis breaking: ${message}\n` });
  });
});
