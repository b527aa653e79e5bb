/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 6750). */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1];
}
