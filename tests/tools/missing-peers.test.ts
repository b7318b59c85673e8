// MissingDependencyError (src/tools/peers.ts): the install command names the
// versions the tests run with (the lower bound of each `^` peer range), and a
// feature that is also a bin command names the command that needs nothing
// installed. The peers are installed here, so only the message is tested.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MissingDependencyError, missingDependency } from '../../src/tools/peers.ts';

const { peerDependencies, devDependencies } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

it('names each missing peer at its tested version, not its range, and the npx command for a bin tool', () => {
  expect(peerDependencies.yaml).toMatch(/^\^/);
  const error = missingDependency('breaking');
  expect(error).toBeInstanceOf(MissingDependencyError);
  expect(error.packages).toEqual([`yaml@${devDependencies.yaml}`]);
  expect(error.install).toBe(`npm install --save-exact yaml@${devDependencies.yaml}`);
  expect(error.message).toBe(
    `rtc-token-apis breaking needs a package that is not installed: yaml@${devDependencies.yaml}. Install with: npm install --save-exact yaml@${devDependencies.yaml} (or, with nothing installed: npx rtc-token-apis-tools breaking)`,
  );
});

it('a library-only feature (the Redis store) gets the install command alone', () => {
  const error = missingDependency('createRedisTokenStore');
  expect(error.message).toBe(
    `rtc-token-apis createRedisTokenStore needs a package that is not installed: redis@${devDependencies.redis}. Install with: npm install --save-exact redis@${devDependencies.redis}`,
  );
});
