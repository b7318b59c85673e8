// `npm run lint`: every API in redocly.yaml (or the files given), failing on any problem.
import { existsSync } from 'node:fs';
import { scriptArgs, usageExit } from './lib/cli.ts';
import { lint } from './lib/lint.ts';

const USAGE = `usage: npm run lint [-- <openapi file>...]

  Lints every API in redocly.yaml (or only the files given) with Redocly and
  this project's rules. Exit 0: no problem; 1: at least one problem.`;
const { positionals: files } = scriptArgs('lint', USAGE, {}, { positionals: true });
for (const file of files) if (!existsSync(file)) usageExit('lint', USAGE, `no such file: ${file}`);

const problems = lint(files);
for (const p of problems) console.log(`${p.severity.padEnd(5)} ${p.ruleId}  ${p.where}\n      ${p.message}`);
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(`lint: ${errors} errors, ${problems.length - errors} warnings`);
process.exit(problems.length > 0 ? 1 : 0);
