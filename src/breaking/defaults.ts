// The breaking-change gate's defaults, beside the gate (it has no package
// entry; `--help` prints them). Imports nothing, as usage.ts does.

/** `--max-size`: 10 MiB for the files of one API, far above any hand-written spec, far below what exhausts memory. */
export const BREAKING_DEFAULTS = { maxSizeMegabytes: 10 } as const;
