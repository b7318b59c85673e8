// One spec file's text as data: JSON for `.json`, YAML (a JSON superset)
// otherwise. Syntax errors become one line naming the file and position.
import { parse } from 'yaml';
import { GateError } from './errors.js';

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
    throw new GateError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}
