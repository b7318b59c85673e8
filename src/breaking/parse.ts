// One spec file's text as data: JSON for `.json`, YAML (a JSON superset)
// otherwise. Text that opens like JSON is tried with JSON.parse first, whatever
// the file is called: it is one pass in native code, where the `yaml` package
// builds a syntax tree beside the data (for a 50 MB spec, seconds and 100 MB
// against minutes and gigabytes). Syntax errors become one line naming the
// file and position.
import { parse } from 'yaml';
import { GateError } from './errors.js';
import { MAX_ALIASES, PIECE, parseYamlPieces } from './yaml-pieces.js';

/** `yaml`'s first line ends in `:` before a code excerpt; keep the sentence, drop the dangling colon. */
function yamlMessage(error: Error & { linePos?: Array<{ line: number; col: number }> }): string {
  const first = error.message.split('\n')[0]!.replace(/:\s*$/, '');
  const pos = error.linePos?.[0];
  return pos && !/ at line \d+/.test(first) ? `${first} at line ${pos.line}, column ${pos.col}` : first;
}

/** A byte-order mark, whitespace, then `{` or `[`: JSON, or YAML flow style (which JSON.parse may refuse). */
const LOOKS_LIKE_JSON = /^\uFEFF?\s*[{[]/;

export function parseSpecText(text: string, file: string): unknown {
  const json = /\.json$/i.test(file);
  if (json || LOOKS_LIKE_JSON.test(text)) {
    try {
      return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      if (json) throw new GateError(`${file}: not valid JSON: ${(error as Error).message}`);
      // Not JSON: YAML flow style (`{openapi: 3.1.0}`) reads below.
    }
  }
  try {
    // A large spec, entry by entry (yaml-pieces.ts); the whole text when it cannot be split.
    const pieces = text.length > PIECE ? parseYamlPieces(text) : undefined;
    return pieces !== undefined ? pieces : parse(text, { maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new GateError(`${file}: not valid YAML: ${yamlMessage(error as Error)}`);
  }
}
