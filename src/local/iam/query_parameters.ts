/**
 * Reading the parameters of an AWS query-protocol request (IAM, STS): the form body merged
 * with the query string, and the `Name.member.N` list encoding.
 *
 * @module
 */
import { readText } from "../http/body.ts";
import type { LocalRequest } from "../http/exchange.ts";

/** Largest form body accepted: a 131072-character policy document, percent-encoded, plus slack. */
export const MAX_FORM_BODY = 1024 * 1024;

/**
 * Reads every parameter of a query-protocol request. The SDK always POSTs a form body, but
 * AWS also takes the parameters in the query string, so both are merged (the body wins).
 *
 * @param request The request as it arrived.
 * @returns The merged parameters.
 * @throws {import("../http/body.ts").BodyTooLarge} when the body exceeds 1 MiB.
 */
export async function readQueryParameters(request: LocalRequest): Promise<URLSearchParams> {
  const merged = new URLSearchParams(request.rawQuery);
  const body = await readText(request.body, MAX_FORM_BODY);
  // URLSearchParams turns `+` into a space, as other clients than the SDK need.
  for (const [name, value] of new URLSearchParams(body)) merged.set(name, value);
  return merged;
}

/**
 * Reads a list of structures sent as `Name.member.1.Key=a&Name.member.1.Value=b…`.
 * A bare `Name=` (how the SDK sends an empty list) reads as `[]`.
 *
 * @param parameters The request's parameters.
 * @param name The list member's name, e.g. `Tags`.
 * @returns The structures in order of their index, each as a field → value record.
 */
export function readStructureList(
  parameters: URLSearchParams,
  name: string,
): Record<string, string>[] {
  const prefix = `${name}.member.`;
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of parameters) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf(".");
    if (dot < 0) continue;
    const index = Number(rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const item = byIndex.get(index) ?? {};
    item[rest.slice(dot + 1)] = value;
    byIndex.set(index, item);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}
