// `npm run lint`: every API in redocly.yaml (or the files given), failing on any problem.
import { lint } from './lib/lint.ts';

const problems = lint(process.argv.slice(2));
for (const p of problems) console.log(`${p.severity.padEnd(5)} ${p.ruleId}  ${p.where}\n      ${p.message}`);
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(`lint: ${errors} errors, ${problems.length - errors} warnings`);
process.exit(problems.length > 0 ? 1 : 0);
