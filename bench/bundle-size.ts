// Bundle size of each public browser entry: esbuild, minified, tree-shaken,
// platform browser, openapi-fetch included; raw and gzip bytes. The metafile
// tells which sources went in, so we can prove validation stays out of an
// entry that does not import it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

export interface BundleEntry {
  readonly name: string;
  /** Module source, resolved from the repository root. */
  readonly contents: string;
  /** Whether the entry imports rtc-token-apis/validation (so may contain validators). */
  readonly validation: boolean;
}

export const ENTRIES: readonly BundleEntry[] = [
  { name: 'rtc-token-apis (root)', contents: "export * from './src/index.ts';", validation: false },
  { name: 'rtc-token-apis/signalwire', contents: "export * from './src/signalwire/index.ts';", validation: false },
  { name: 'rtc-token-apis/proconf', contents: "export * from './src/proconf/index.ts';", validation: false },
  { name: 'ProCONF app-server client alone', contents: "export { createProconfAppClient } from './src/proconf/index.ts';", validation: false },
  { name: 'rtc-token-apis/signalwire-app', contents: "export * from './src/signalwire-app/index.ts';", validation: false },
  { name: 'SignalWire app-server client alone', contents: "export { createSignalWireAppClient } from './src/signalwire-app/index.ts';", validation: false },
  { name: 'rtc-token-apis/validation', contents: "export * from './src/validation/index.ts';", validation: true },
];

/** Inputs that belong to opt-in validation: the precompiled validators and their wrapper. */
export const VALIDATION_INPUT = /(^|\/)(generated\/validators|src\/validation)\/|node_modules\/ajv/;

export interface BundleResult {
  readonly name: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  /** Validation sources found in a bundle whose entry does not import validation. */
  readonly leaked: readonly string[];
  /** Minified bytes each input contributes, largest first. */
  readonly breakdown: readonly (readonly [string, number])[];
}

export function validationInputs(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((p) => VALIDATION_INPUT.test(p));
}

export async function bundleEntry(entry: BundleEntry): Promise<BundleResult> {
  const result = await build({
    stdin: { contents: entry.contents, resolveDir: root, sourcefile: 'entry.ts', loader: 'ts' },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    treeShaking: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // As scripts/build.mjs compiles the package version in: what users bundle.
    define: { __RTC_TOKEN_APIS_VERSION__: JSON.stringify(version) },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const breakdown = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => [path, bytesInOutput] as const)
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  return {
    name: entry.name,
    rawBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    leaked: entry.validation ? [] : validationInputs(result.metafile),
    breakdown,
  };
}

export async function measureBundles(entries: readonly BundleEntry[] = ENTRIES): Promise<BundleResult[]> {
  return Promise.all(entries.map(bundleEntry));
}
