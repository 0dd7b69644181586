/**
 * A small, strict XML reader for the request documents AWS APIs accept (S3's `Delete`,
 * `CompleteMultipartUpload`, `CreateBucketConfiguration`): elements, attributes, text,
 * entities, CDATA and comments. No DTDs, no external entities: nothing here can reach the
 * network or the file system.
 *
 * @module
 */

/** One element: its local name (prefix dropped), attributes, child elements and text. */
export interface XmlElement {
  /** The element name without any namespace prefix. */
  readonly name: string;
  /** Attribute values by name, as written (prefixes kept). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: readonly XmlElement[];
  /** The element's own text (entities decoded), concatenated across its child elements. */
  readonly text: string;
}

/** The document was not well-formed XML. */
export class XmlSyntaxError extends Error {
  /** Offset in the text where reading stopped. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = "XmlSyntaxError";
    this.offset = offset;
  }
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

const NAME = /[^\s/>=<"']+/y;

/**
 * Parses a document and returns its root element.
 *
 * @param text The whole document.
 * @returns The root element.
 * @throws {XmlSyntaxError} When the document is not well-formed.
 *
 * @example Read the keys of an S3 Delete request
 * ```ts
 * const root = parseXml("<Delete><Object><Key>a&amp;b</Key></Object></Delete>");
 * root.children.map((o) => childText(o, "Key")); // ["a&b"]
 * ```
 */
export function parseXml(text: string): XmlElement {
  // Line ends are normalized before parsing, as XML 1.0 requires; an escaped `&#13;` survives.
  const source = text.replace(/\r\n?/g, "\n");
  const reader = { source, at: 0 };
  skipProlog(reader);
  if (source[reader.at] !== "<") throw new XmlSyntaxError("expected a root element", reader.at);
  const root = readElement(reader);
  skipMisc(reader);
  if (reader.at < source.length) throw new XmlSyntaxError("content after the root element", reader.at);
  return root;
}

/**
 * The text of the first child named `name`, or undefined when there is none.
 *
 * @param element The parent element.
 * @param name The child's local name.
 * @returns The child's text.
 */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((child) => child.name === name)?.text;
}

interface Reader {
  readonly source: string;
  at: number;
}

function skipWhitespace(reader: Reader): void {
  while (reader.at < reader.source.length && " \t\n".includes(reader.source[reader.at])) reader.at++;
}

function skipPast(reader: Reader, end: string): string {
  const stop = reader.source.indexOf(end, reader.at);
  if (stop < 0) throw new XmlSyntaxError(`missing "${end}"`, reader.at);
  const skipped = reader.source.slice(reader.at, stop);
  reader.at = stop + end.length;
  return skipped;
}

function skipMisc(reader: Reader): void {
  for (;;) {
    skipWhitespace(reader);
    if (reader.source.startsWith("<!--", reader.at)) skipPast(reader, "-->");
    else if (reader.source.startsWith("<?", reader.at)) skipPast(reader, "?>");
    else return;
  }
}

function skipProlog(reader: Reader): void {
  if (reader.source.charCodeAt(0) === 0xfeff) reader.at = 1;
  skipMisc(reader);
  if (reader.source.startsWith("<!DOCTYPE", reader.at)) {
    throw new XmlSyntaxError("document type declarations are not accepted", reader.at);
  }
}

function readName(reader: Reader): string {
  NAME.lastIndex = reader.at;
  const match = NAME.exec(reader.source);
  if (!match) throw new XmlSyntaxError("expected a name", reader.at);
  reader.at += match[0].length;
  return match[0];
}

function decodeEntities(text: string, offset: number): string {
  return text.replace(/&([^;&]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(";")) throw new XmlSyntaxError("unterminated entity", offset);
    const code = body.startsWith("#x")
      ? parseInt(body.slice(2), 16)
      : body.startsWith("#")
      ? parseInt(body.slice(1), 10)
      : undefined;
    if (code === undefined) {
      const named = NAMED_ENTITIES[body];
      if (named === undefined) throw new XmlSyntaxError(`unknown entity &${body};`, offset);
      return named;
    }
    if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) {
      throw new XmlSyntaxError(`bad character reference &${body};`, offset);
    }
    return String.fromCodePoint(code);
  });
}

function readAttributes(reader: Reader): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (;;) {
    skipWhitespace(reader);
    const next = reader.source[reader.at];
    if (next === ">" || next === "/" || next === undefined) return attributes;
    const name = readName(reader);
    skipWhitespace(reader);
    if (reader.source[reader.at] !== "=") throw new XmlSyntaxError("expected '='", reader.at);
    reader.at++;
    skipWhitespace(reader);
    const quote = reader.source[reader.at];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError("expected a quoted value", reader.at);
    reader.at++;
    const start = reader.at;
    attributes[name] = decodeEntities(skipPast(reader, quote), start);
  }
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

function readElement(reader: Reader): XmlElement {
  const openedAt = reader.at;
  reader.at++; // "<"
  const qualifiedName = readName(reader);
  const attributes = readAttributes(reader);
  if (reader.source.startsWith("/>", reader.at)) {
    reader.at += 2;
    return { name: localName(qualifiedName), attributes, children: [], text: "" };
  }
  if (reader.source[reader.at] !== ">") throw new XmlSyntaxError("expected '>'", reader.at);
  reader.at++;
  const children: XmlElement[] = [];
  let text = "";
  for (;;) {
    if (reader.at >= reader.source.length) {
      throw new XmlSyntaxError(`element <${qualifiedName}> is not closed`, openedAt);
    }
    const source = reader.source;
    if (source.startsWith("</", reader.at)) {
      reader.at += 2;
      const closing = readName(reader);
      skipWhitespace(reader);
      if (closing !== qualifiedName || source[reader.at] !== ">") {
        throw new XmlSyntaxError(`<${qualifiedName}> closed by </${closing}>`, reader.at);
      }
      reader.at++;
      return { name: localName(qualifiedName), attributes, children, text };
    }
    if (source.startsWith("<!--", reader.at)) skipPast(reader, "-->");
    else if (source.startsWith("<![CDATA[", reader.at)) {
      reader.at += 9;
      text += skipPast(reader, "]]>");
    } else if (source.startsWith("<?", reader.at)) skipPast(reader, "?>");
    else if (source[reader.at] === "<") children.push(readElement(reader));
    else {
      const start = reader.at;
      const stop = source.indexOf("<", start);
      reader.at = stop < 0 ? source.length : stop;
      text += decodeEntities(source.slice(start, reader.at), start);
    }
  }
}
