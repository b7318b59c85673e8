// `--watch`: re-bundles every API of redocly.yaml when a file under openapi/
// changes and hands the result to the running mock, so a spec edit is served
// at once. A spec that does not bundle (or that Prism cannot read) leaves the
// previous documents serving, reported in one line. Bundling needs
// @redocly/openapi-core, loaded only here, and the checkout's redocly.yaml.
// What the mock reads from generated/operation-facts.ts (x- extensions, the
// error bodies its own rules send) changes only with `npm run generate` and a restart.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { MockServer } from './server.js';
import { packageRoot } from '../openapi-doc/bundled.js';
import { MOCK_DEFAULTS } from './defaults.js';
import { inToolsBundle } from '../tools/package-json.js';

export interface SpecWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Folder holding redocly.yaml and openapi/; default: this package's root. */
  root?: string;
  /** Receives one line per reload or failed reload. */
  log: (line: string) => void;
  /** Quiet time after the last change before re-bundling (editors write in bursts). */
  debounceMs?: number;
  /** Called after each attempt, reloaded or not (tests wait on it). */
  onSettled?: (reloaded: boolean) => void;
}

const REDOCLY_HINT =
  '--watch bundles the specs with @redocly/openapi-core: install it (npm install --save-dev @redocly/openapi-core) or run the mock from the repository';

/**
 * True in a repository checkout, where --watch can work. An installed package (the
 * client or the tools bundle) ships neither redocly.yaml nor the generator of the facts.
 */
export const specsWatchable = (): boolean => !inToolsBundle() && existsSync(join(packageRoot(), 'redocly.yaml'));

/** The startup line's note: a reload serves Prism's answers from the new YAML, not the generated facts. */
export const WATCH_FACTS_NOTE =
  'x- extensions (x-body-limit, x-token-lifetimes, x-wrong-method…) and the error bodies the mock mints need npm run generate and a restart';

type RedoclyCore = typeof import('@redocly/openapi-core');

/** The bundler, or a one-line error saying how to get it (the installed package does not depend on it). */
async function loadBundler(): Promise<RedoclyCore> {
  try {
    return await import('@redocly/openapi-core');
  } catch {
    throw new Error(REDOCLY_HINT);
  }
}

async function bundleAll(core: RedoclyCore, root: string): Promise<{ name: string; document: Record<string, unknown> }[]> {
  const config = await core.loadConfig({ configPath: join(root, 'redocly.yaml') });
  return Promise.all(
    Object.entries(config.apis).map(async ([name, api]) => {
      const file = isAbsolute(api.root) ? api.root : join(root, api.root);
      const shown = relative(root, file);
      let result;
      try {
        result = await core.bundle({ ref: file, config, dereference: false });
      } catch (error) {
        throw new Error(`${shown} does not bundle (${(error as Error).message.split('\n')[0]})`);
      }
      const problem = result.problems.find((p) => p.severity === 'error');
      if (problem) throw new Error(`${shown} does not bundle (${problem.message.split('\n')[0]})`);
      return { name, document: result.bundle.parsed as Record<string, unknown> };
    }),
  );
}

/** Starts watching; rejects at once (before any change) when the bundler is missing. */
export async function watchSpecs(mock: Pick<MockServer, 'reload'>, options: WatchOptions): Promise<SpecWatcher> {
  const core = await loadBundler();
  const root = options.root ?? packageRoot();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const reload = () => {
    running = running.then(async () => {
      try {
        const documents = await bundleAll(core, root);
        await mock.reload(documents);
        options.log(`rtc-token-apis mock: reloaded ${documents.length} APIs from openapi/`);
        options.onSettled?.(true);
      } catch (error) {
        options.log(`rtc-token-apis mock: ${(error as Error).message}; still serving the previous specs`);
        options.onSettled?.(false);
      }
    });
  };
  const watcher: FSWatcher = watch(join(root, 'openapi'), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? MOCK_DEFAULTS.watchDebounceMs);
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
