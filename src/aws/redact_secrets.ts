/**
 * Removing what must never reach a log line from text taken out of SDK errors: signatures,
 * presigned credentials, session tokens and access key ids.
 *
 * @module
 */

const PATTERNS: readonly (readonly [RegExp, string])[] = [
  // Presigned URL parameters, whatever their case.
  [/(x-amz-(?:signature|security-token|credential))=[^&\s"'<>]+/gi, "$1=<redacted>"],
  // Authorization header values.
  [/(Signature=)[0-9a-f]{16,}/gi, "$1<redacted>"],
  [/(Credential=)[^,\s]+/gi, "$1<redacted>"],
  [/(x-amz-security-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, "$1<redacted>"],
  // Access key ids (long-term AKIA, temporary ASIA).
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, "<access key id>"],
  // Long opaque tokens: session tokens, secrets, signed blobs.
  [/[A-Za-z0-9+/=_-]{80,}/g, "<redacted>"],
];

/**
 * Returns `text` with signatures, presigned credentials, session tokens and key ids replaced.
 *
 * @param text Any text that may have come from a request.
 * @returns The text, safe to log.
 */
export function redactSecrets(text: string): string {
  let safe = text;
  for (const [pattern, replacement] of PATTERNS) safe = safe.replace(pattern, replacement);
  return safe;
}
