// failureLine (src/cli/usage-error.ts): a failed command's one line names the
// command once, also when the error's message already opens with it.
import { expect, it } from 'vitest';
import { failureLine } from '../../src/cli/usage-error.ts';

it('prefixes the command, unless the message already opens with it', () => {
  expect(failureLine('rtc-token-apis mock', 'port 4010 on 127.0.0.1 is already in use')).toBe('rtc-token-apis mock: port 4010 on 127.0.0.1 is already in use');
  expect(failureLine('rtc-token-apis mock', 'rtc-token-apis mock needs packages that are not installed: x')).toBe(
    'rtc-token-apis mock needs packages that are not installed: x',
  );
  // Another command's name is not this one's.
  expect(failureLine('rtc-token-apis mock', 'rtc-token-apis mocked nothing')).toBe('rtc-token-apis mock: rtc-token-apis mocked nothing');
});
