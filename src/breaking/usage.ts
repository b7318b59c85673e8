// The gate's usage text, in a module of its own that imports no package, so
// `breaking --help` prints it even where the optional `yaml` package is missing
// (defaults.ts and package-json.ts import none either).
import { PROGRAM } from '../tools/package-json.js';
import { BREAKING_DEFAULTS } from './defaults.js';

export const USAGE = `usage: ${PROGRAM} breaking <base> <head> [options]
       ${PROGRAM} breaking --base <git-ref> [<path>] [options]

  <base> <head>          two spec files, or two directories of specs (YAML or JSON)
  --base <git-ref>       compare <path> (default: the current directory) as committed
                         in <git-ref> with the working tree
  --format <f>           text (default), markdown (a pull-request changelog) or json
  --json                 same as --format json
  --strict               refuse a slightly invalid document (default: compare what
                         can be read, with a warning for the rest)
  --allow-outside-root   let $refs and redocly.yaml roots leave each input's folder
  --max-size <MB>        size limit for the files of one API (default ${BREAKING_DEFAULTS.maxSizeMegabytes})
  --policy <file>        rule levels from a YAML or JSON file: rules: {<id>: <level>}
  --rule <id>=<level>    set one rule's level: breaking, warning or info (repeatable)

exit codes: 0 no breaking change, 1 breaking changes, 2 bad input`;
