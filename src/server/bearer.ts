// A small helper for authorize hooks: the credential of an
// `Authorization: Bearer <token>` header.

/** The bearer credential of a request, or undefined when there is none. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}
