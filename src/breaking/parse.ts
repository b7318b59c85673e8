// One spec file's text as data: JSON for `.json`, YAML (a JSON superset)
// otherwise. Syntax errors become one line naming the file and position.
import { parse } from 'yaml';
import { GateError } from './errors.js';

/** `yaml`'s first line ends in `:` before a code excerpt; keep the sentence, drop the dangling colon. */
function yamlMessage(error: Error & { linePos?: Array<{ line: number; col: number }> }): string {
  const first = error.message.split('\n')[0]!.replace(/:\s*$/, '');
  const pos = error.linePos?.[0];
  return pos && !/ at line \d+/.test(first) ? `${first} at line ${pos.line}, column ${pos.col}` : first;
}

export function parseSpecText(text: string, file: string): unknown {
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new GateError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parse(text, { maxAliasCount: 1000 });
  } catch (error) {
    throw new GateError(`${file}: not valid YAML: ${yamlMessage(error as Error)}`);
  }
}
