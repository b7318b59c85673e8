// Module resolve hook for tests/verify/no-ajv.fixture.ts: Ajv cannot be
// imported, as in an install without the optional peer.
export async function resolve(specifier, context, next) {
  if (/^ajv(-formats)?(\/|$)/.test(specifier)) {
    throw Object.assign(new Error(`Cannot find package '${specifier}' (blocked by no-ajv-hooks)`), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}
