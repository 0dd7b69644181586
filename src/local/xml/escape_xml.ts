/**
 * Escaping text for XML element content and attribute values.
 *
 * @module
 */

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#xD;",
  "\n": "&#xA;",
};

/**
 * Escapes `& < > " '` so text can stand in XML, and CR/LF as character references so an XML
 * parser's line-end normalization cannot turn `\r` into `\n`.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r\n]/g, (c) => ENTITIES[c]);
}
