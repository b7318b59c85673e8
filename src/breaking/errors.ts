// A usage or input problem (bad ref, unreadable or invalid document, unknown
// option): reported as one clear line and exit code 2, distinct from "breaking".
export class GateError extends Error {
  override name = 'GateError';
}
