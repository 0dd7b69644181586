/**
 * Reading a lifecycle rule's `Filter` (and the integers and tags it holds) as S3 validates it:
 * a filter names at most one condition unless they are grouped under `And`
 * (S: docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRuleFilter.html; LocalStack's
 * AWS-validated `validate_lifecycle_configuration` refuses a second one with MalformedXML).
 *
 * @module
 */
import type { XmlElement } from "../xml/xml_reader.ts";
import type { LifecycleConditions, LifecycleFilter, LifecycleTag } from "./lifecycle_rule.ts";
import { faults } from "./s3_fault.ts";

/**
 * The only child named `name`, undefined when there is none; MalformedXML when there are several
 * (the schema allows one).
 *
 * @param parent The element.
 * @param name The child's name.
 * @returns The child.
 * @throws {S3Fault} MalformedXML.
 */
export function single(parent: XmlElement, name: string): XmlElement | undefined {
  const found = parent.children.filter((child) => child.name === name);
  if (found.length > 1) throw faults.malformedXml();
  return found[0];
}

/**
 * Refuses children the schema does not know for this element (S3 validates requests against
 * its published schema: MalformedXML).
 *
 * @param parent The element.
 * @param allowed The names it may contain.
 * @throws {S3Fault} MalformedXML.
 */
export function onlyChildren(parent: XmlElement, allowed: readonly string[]): void {
  if (parent.children.some((child) => !allowed.includes(child.name))) throw faults.malformedXml();
}

/**
 * An integer child (`xs:int`/`xs:long`): absent → undefined, not an integer → MalformedXML.
 * Range checks (positive days) are the caller's, because S3 answers them with InvalidArgument.
 *
 * @param parent The element.
 * @param name The child's name.
 * @returns The number.
 * @throws {S3Fault} MalformedXML.
 */
export function integerChild(parent: XmlElement, name: string): number | undefined {
  const child = single(parent, name);
  if (!child) return undefined;
  const text = child.text.trim();
  if (!/^-?\d{1,18}$/.test(text)) throw faults.malformedXml();
  return Number(text);
}

function readTag(element: XmlElement): LifecycleTag {
  onlyChildren(element, ["Key", "Value"]);
  const key = single(element, "Key")?.text;
  if (key === undefined) throw faults.malformedXml();
  return { key, value: single(element, "Value")?.text ?? "" };
}

function readConditions(element: XmlElement, tagsAllowed: number): LifecycleConditions {
  const tags = element.children.filter((child) => child.name === "Tag").map(readTag);
  if (tags.length > tagsAllowed) throw faults.malformedXml();
  const keys = new Set(tags.map((tag) => tag.key));
  // S: LocalStack's AWS-validated snapshot of test_lifecycle_configuration_duplicate_tags.
  if (keys.size < tags.length) throw faults.invalidRequest("Duplicate Tag Keys are not allowed.");
  return {
    prefix: single(element, "Prefix")?.text,
    tags,
    objectSizeGreaterThan: integerChild(element, "ObjectSizeGreaterThan"),
    objectSizeLessThan: integerChild(element, "ObjectSizeLessThan"),
  };
}

function conditionCount(conditions: LifecycleConditions): number {
  return [conditions.prefix, conditions.objectSizeGreaterThan, conditions.objectSizeLessThan]
    .filter((value) => value !== undefined).length + conditions.tags.length;
}

/**
 * Reads a rule's `Filter`.
 *
 * @param element The `Filter` element.
 * @returns The filter.
 * @throws {S3Fault} MalformedXML, or InvalidRequest for duplicate tag keys.
 */
export function readFilter(element: XmlElement): LifecycleFilter {
  const names = ["Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And"];
  onlyChildren(element, names);
  if (element.children.length > 1) throw faults.malformedXml();
  const and = single(element, "And");
  if (!and) return { and: false, conditions: readConditions(element, 1) };
  onlyChildren(and, names.slice(0, 4));
  const conditions = readConditions(and, Number.POSITIVE_INFINITY);
  // An `And` must combine at least two conditions (S: API_LifecycleRuleAndOperator.html, "two or
  // more predicates"; U: the error code, taken from the schema check).
  if (conditionCount(conditions) < 2) throw faults.malformedXml();
  return { and: true, conditions };
}
