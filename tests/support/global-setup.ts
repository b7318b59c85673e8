import type { TestProject } from 'vitest/node';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

let mock: MockServer | undefined;

export async function setup(project: TestProject) {
  // Stateless: the contract and fuzz suites send any schema-valid value (an
  // expire_at of 15, one refresh token many times); the provider-like rules
  // are tested on their own mocks (tests/mock/behaviour.test.ts).
  mock = await startMockServer({ port: 0, stateful: false });
  project.provide('mockUrl', mock.url);
  // If vitest is interrupted, still release the port before exiting.
  const stop = () => void mock?.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function teardown() {
  await mock?.close();
}
