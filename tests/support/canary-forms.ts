// The forms a canary secret may take when a server or a report echoes it:
// as is, percent-encoded, JSON-escaped, and for a SignalWire project and
// token also the Basic credential, plain and base64. A test asserts none of
// them appears anywhere it looks.

/** Every form of each secret, plus the Basic credential of `basic` ([project, token]) if given. */
export function canaryForms(secrets: readonly string[], basic?: readonly [string, string]): string[] {
  const forms = secrets.flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]);
  if (basic) forms.push(`${basic[0]}:${basic[1]}`, Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64'));
  return forms;
}
