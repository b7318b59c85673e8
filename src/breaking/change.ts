// One detected difference between two versions of an API, and the collector
// the rules report into.

export interface Change {
  api: string;
  /** `POST /api/things`, or `*` for a change that affects every operation. */
  operation: string;
  /** RFC 6901 pointer into the bundled, dereferenced document. */
  pointer: string;
  reason: string;
  breaking: boolean;
}

/** What a rule sees: where it is, and where to report. */
export interface Reporter {
  breaking(pointer: string, reason: string): void;
  info(pointer: string, reason: string): void;
}

export class ChangeLog {
  readonly changes: Change[] = [];

  /** A reporter that stamps every change with this API and operation. */
  for(api: string, operation: string): Reporter {
    const add = (breaking: boolean) => (pointer: string, reason: string) => {
      this.changes.push({ api, operation, pointer, reason, breaking });
    };
    return { breaking: add(true), info: add(false) };
  }
}

/** Breaking changes first; otherwise the order the rules found them in. */
export function sortChanges(changes: Change[]): Change[] {
  return [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
}

/** `a`, `b` and `c` as a readable list for reasons. */
export function quoteList(values: unknown[]): string {
  return values.map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(', ');
}

/** The whole document's pointer is the empty string; print it readably. */
export function displayPointer(pointer: string): string {
  return pointer || '(document)';
}
