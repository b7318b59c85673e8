// Build dist/ from a clean slate, so a deleted source never lingers in the package.
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const r = spawnSync(process.execPath, [new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
