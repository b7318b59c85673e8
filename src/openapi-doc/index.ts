// The OpenAPI document model (was src/spec/): the only code that reads OpenAPI documents. Generator,
// validators, docs, breaking-change gate, verify, mock and tests all use it.
//   pointer.ts     RFC 6901 escape/unescape, build, look up
//   resolve.ts     local $ref following (cycle-safe) and full dereference
//   operations.ts  every operation, every method, path-level parameters merged
//   bundled.ts     the bundled documents under generated/bundled (Node only)
export { escapeToken, unescapeToken, pointer, child, tokensOf, valueAt } from './pointer.js';
export { resolveRef, deref, dereference, SpecRefError, type Json } from './resolve.js';
export { specOperations, operationLabel, HTTP_METHODS, type HttpMethod, type SpecOperation, type SpecParameter } from './operations.js';
