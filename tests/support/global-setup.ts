import type { TestProject } from 'vitest/node';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

let mock: MockServer | undefined;

export async function setup(project: TestProject) {
  mock = await startMockServer({ port: 0 });
  project.provide('mockUrl', mock.url);
  // If vitest is interrupted, still release the port before exiting.
  const stop = () => void mock?.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function teardown() {
  await mock?.close();
}
