/**
 * The `<Role>` element in the three shapes IAM answers it: as just created, in full
 * (GetRole) and as a list member (ListRoles).
 *
 * @module
 */
import { escapeXml } from "../xml/escape_xml.ts";
import type { RoleRecord } from "./role_record.ts";

/**
 * Which members a role carries:
 * - `created` (CreateRole): no MaxSessionDuration and no RoleLastUsed;
 * - `full` (GetRole): everything, with `<RoleLastUsed/>`;
 * - `listed` (ListRoles members): MaxSessionDuration, but no Tags, PermissionsBoundary or RoleLastUsed.
 */
export type RoleView = "created" | "full" | "listed";

/**
 * Renders the members of a role (without the enclosing element, which differs per operation).
 *
 * @param role The role.
 * @param view Which members to include.
 * @returns The XML members.
 */
export function roleMembersXml(role: RoleRecord, view: RoleView): string {
  const parts = [
    element("Path", role.path),
    element("RoleName", role.name),
    element("RoleId", role.id),
    element("Arn", role.arn),
    element("CreateDate", role.createDate),
    // AWS sends policy documents URL-encoded and the SDK hands them over still encoded.
    `<AssumeRolePolicyDocument>${
      encodeURIComponent(role.assumeRolePolicyDocument)
    }</AssumeRolePolicyDocument>`,
  ];
  if (role.description !== undefined) parts.push(element("Description", role.description));
  if (view !== "created") parts.push(element("MaxSessionDuration", String(role.maxSessionDuration)));
  if (view !== "listed" && role.permissionsBoundary !== undefined) {
    parts.push(
      `<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>${
        element("PermissionsBoundaryArn", role.permissionsBoundary)
      }</PermissionsBoundary>`,
    );
  }
  if (view !== "listed" && role.tags.length > 0) {
    const members = role.tags.map((tag) =>
      `<member>${element("Key", tag.Key)}${element("Value", tag.Value)}</member>`
    );
    parts.push(`<Tags>${members.join("")}</Tags>`);
  }
  if (view === "full") parts.push("<RoleLastUsed/>");
  return parts.join("");
}

/**
 * Renders `<Name>text</Name>` with the text escaped.
 *
 * @param name Element name.
 * @param text Element text.
 * @returns The element.
 */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}
