// A usage or environment problem (bad ref, not a git repository, unknown
// option): reported as one clear line, exit code 2, distinct from "breaking".
export class GateError extends Error {
  override name = 'GateError';
}
