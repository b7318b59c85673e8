// Every `npx` line of this repository's packages that a reader may paste: in a
// shell block of the README, docs/, CONTRIBUTING.md or the tools package's
// README it runs where nothing is installed, so it must name the tools package
// (`npx rtc-token-apis` installs the client alone, whose mock, gate and verify
// of a document lack their peers), with one of the bin's commands. In prose,
// `npx rtc-token-apis …` is right only beside the install it relies on; the
// bin's own messages (src/) always point at the tools package.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';

const repo = join(import.meta.dirname, '..', '..');
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'openapi/README.md',
  'packages/tools/README.md',
  ...readdirSync(join(repo, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const BIN_ARGS = new Set([...Object.keys(COMMANDS), '--help', '-h', '--version', '-V']);

/** What is wrong with each `npx` invocation of our packages in `line`, if anything. */
function shellProblems(line: string): string[] {
  return [...line.matchAll(/\bnpx((?:\s+(?:-y|--yes|-p\s+\S+|--package(?:=|\s+)\S+))*)\s+(\S+)(?:\s+(\S+))?/g)].flatMap(([, flags, pkg, arg]) => {
    if (!/rtc-token-apis/.test(`${flags} ${pkg}`)) return [];
    if (/-p\s|--package/.test(flags!)) return [`\`${line.trim()}\`: name the tools package, not peers with -p`];
    if (pkg !== 'rtc-token-apis-tools') return [`\`${line.trim()}\`: with nothing installed this needs \`npx rtc-token-apis-tools\``];
    return BIN_ARGS.has(arg ?? '') ? [] : [`\`${line.trim()}\`: "${arg}" is not a command of the bin`];
  });
}

/** Problems in one markdown document: shell blocks line by line, prose by paragraph. */
function docProblems(text: string): string[] {
  const problems: string[] = [];
  let shell: boolean | undefined;
  let paragraph: string[] = [];
  const prose = () => {
    const p = paragraph.join(' ');
    paragraph = [];
    const installed = /npm install rtc-token-apis\b|installed/.test(p);
    for (const [span] of p.matchAll(/`npx (?:-y )?rtc-token-apis(?!-tools)\b[^`]*`/g)) {
      if (!installed) problems.push(`${span}: in prose, say which install it relies on or use rtc-token-apis-tools`);
    }
  };
  for (const line of text.split('\n')) {
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      if (shell === undefined) {
        prose();
        shell = /^(sh|bash|shell|console)$/.test(fence[1]!);
      } else shell = undefined;
      continue;
    }
    if (shell) problems.push(...shellProblems(line));
    else if (shell === undefined) {
      if (line.trim() === '') prose();
      else paragraph.push(line);
    }
  }
  prose();
  return problems;
}

it('finds the shell blocks and npx lines it checks', () => {
  const all = DOCS.map((doc) => readFileSync(join(repo, doc), 'utf8')).join('\n');
  expect(all.match(/npx rtc-token-apis-tools \w+/g)!.length).toBeGreaterThan(10);
  // The check itself fails on the wrong forms.
  expect(docProblems('```sh\nnpx rtc-token-apis breaking a.yaml b.yaml\n```')).toHaveLength(1);
  expect(docProblems('```sh\nFOO=1 npx -y rtc-token-apis mock &\n```')).toHaveLength(1);
  expect(docProblems('```sh\nnpx -y -p rtc-token-apis -p @stoplight/prism-core@5.8.0 rtc-token-apis mock\n```')).toHaveLength(1);
  expect(docProblems('```sh\nnpx rtc-token-apis-tools serve\n```')).toHaveLength(1);
  expect(docProblems('Run `npx rtc-token-apis verify` to check.')).toHaveLength(1);
  expect(docProblems('After `npm install rtc-token-apis`, `npx rtc-token-apis verify` works.')).toEqual([]);
  expect(docProblems('```sh\nnpx rtc-token-apis-tools mock --port 0   # any port\nnpx -y rtc-token-apis-tools --version\n```')).toEqual([]);
});

it('every npx line in the README, docs/ and the tools README names the tools package and a command of the bin', () => {
  const problems = DOCS.flatMap((doc) => docProblems(readFileSync(join(repo, doc), 'utf8')).map((p) => `${doc}: ${p}`));
  expect(problems).toEqual([]);
});

it("the bin's messages (--help, missing peers) point at the tools package", () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const wrong = walk(join(repo, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/npx (?:-y )?rtc-token-apis(?!-tools)\b.*/g)].map((m) => `${relative(repo, file)}: ${m[0]}`),
  );
  expect(wrong).toEqual([]);
});
