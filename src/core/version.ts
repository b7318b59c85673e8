// The package version (in the SignalWire client's User-Agent), from
// package.json and nowhere else: the build replaces the constant below
// (scripts/build.mjs, esbuild `define`; the bundle-size bench does the same),
// and a run from the sources (tsx, vitest) reads package.json once. No
// static Node import: the file stays browser-safe.
declare const __RTC_TOKEN_APIS_VERSION__: string | undefined;

function sourceVersion(): string {
  const fs = (
    globalThis as { process?: { getBuiltinModule?: (id: string) => { readFileSync(url: URL, encoding: 'utf8'): string } | undefined } }
  ).process?.getBuiltinModule?.('node:fs');
  if (!fs) return 'unknown';
  return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export const VERSION: string = typeof __RTC_TOKEN_APIS_VERSION__ === 'string' ? __RTC_TOKEN_APIS_VERSION__ : sourceVersion();
