// What the stateful mode remembers between requests: the SignalWire tokens
// this mock issued, so a refresh token works once and an access token is not
// taken for a refresh token. Tokens it never issued are not judged.
export type IssuedKind = 'access' | 'refresh';

interface Issued {
  kind: IssuedKind;
  used: boolean;
  /** Unix seconds. */
  expiresAt: number;
}

/** Tokens remembered at most; the oldest are forgotten first (a load test must not grow the mock without bound). */
const MAX_ISSUED = 10_000;

export class MockState {
  // `private`, not `#`: see ControlState.
  private issued = new Map<string, Issued>();

  issue(token: string, kind: IssuedKind, expiresAt: number): void {
    this.issued.set(token, { kind, used: false, expiresAt });
    if (this.issued.size > MAX_ISSUED) this.issued.delete(this.issued.keys().next().value!);
  }

  lookup(token: string): Readonly<Issued> | undefined {
    return this.issued.get(token);
  }

  markUsed(token: string): void {
    const entry = this.issued.get(token);
    if (entry) entry.used = true;
  }

  reset(): void {
    this.issued.clear();
  }
}
