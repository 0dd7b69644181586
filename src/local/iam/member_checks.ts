/**
 * Input constraints of IAM members, checked the way AWS reports them: every broken
 * constraint of a request is collected and answered in one `ValidationError`.
 *
 * @module
 */
import { validationFailure } from "./query_failure.ts";

/** The length and pattern a text member must satisfy. */
export interface TextRule {
  /** Fewest characters allowed. */
  readonly min: number;
  /** Most characters allowed. */
  readonly max: number;
  /** The pattern the whole value must match, and its text as AWS quotes it. */
  readonly pattern?: { readonly regex: RegExp; readonly text: string };
}

/** Role and policy names: `[\w+=,.@-]+`. */
export const NAME_PATTERN = { regex: /^[\w+=,.@-]+$/, text: "[\\w+=,.@-]+" } as const;
/** Role paths: `/` or `/…/`. */
export const PATH_PATTERN = {
  regex: /^(\/|\/[\u0021-\u007E]+\/)$/,
  text: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
} as const;
/** Path prefixes of list operations. */
export const PATH_PREFIX_PATTERN = {
  regex: /^\/[\u0021-\u007F]*$/,
  text: "\\u002F[\\u0021-\\u007F]*",
} as const;

/** `RoleName`: 1–64 characters of `[\w+=,.@-]`. */
export const ROLE_NAME_RULE: TextRule = { min: 1, max: 64, pattern: NAME_PATTERN };
/** `PolicyName` of inline policies: 1–128 characters of `[\w+=,.@-]`. */
export const POLICY_NAME_RULE: TextRule = { min: 1, max: 128, pattern: NAME_PATTERN };
/** ARNs of managed policies: 20–2048 characters. */
export const ARN_RULE: TextRule = { min: 20, max: 2048 };
/** `Marker` of list operations: 1–320 characters. */
export const MARKER_RULE: TextRule = { min: 1, max: 320 };
/** `PathPrefix` of list operations. */
export const PATH_PREFIX_RULE: TextRule = { min: 1, max: 512, pattern: PATH_PREFIX_PATTERN };

/** Longest value quoted back in a message; policy documents can be 128 KiB. */
const QUOTED_MAX = 256;

/**
 * Checks the members of one request and collects what is wrong with them.
 *
 * @example Check a role name, then fail with every violation at once
 * ```ts
 * const checks = new MemberChecks(new URLSearchParams("RoleName=a%20b"));
 * const roleName = checks.required("RoleName", { min: 1, max: 64, pattern: NAME_PATTERN });
 * checks.done(); // throws ValidationError "1 validation error detected: Value 'a b' at 'roleName' …"
 * ```
 */
export class MemberChecks {
  readonly #parameters: URLSearchParams;
  readonly #violations: string[] = [];

  /**
   * Starts checking one request.
   *
   * @param parameters The request's parameters.
   */
  constructor(parameters: URLSearchParams) {
    this.#parameters = parameters;
  }

  /**
   * A member that must be present.
   *
   * @param member The member's name on the wire (`RoleName`).
   * @param rule Its length and pattern.
   * @returns Its value (an empty string when absent; `done()` then throws).
   */
  required(member: string, rule: TextRule): string {
    const value = this.#parameters.get(member);
    if (value === null) {
      this.#violations.push(
        `Value null at '${field(member)}' failed to satisfy constraint: Member must not be null`,
      );
      return "";
    }
    this.#checkText(member, value, rule);
    return value;
  }

  /**
   * A member that may be absent.
   *
   * @param member The member's name on the wire.
   * @param rule Its length and pattern, checked when present.
   * @returns Its value, or `undefined` when absent.
   */
  optional(member: string, rule: TextRule): string | undefined {
    const value = this.#parameters.get(member);
    if (value === null) return undefined;
    this.#checkText(member, value, rule);
    return value;
  }

  /**
   * An optional integer member.
   *
   * @param member The member's name on the wire (`MaxItems`).
   * @param min Smallest value allowed.
   * @param max Largest value allowed.
   * @returns Its value, or `undefined` when absent or invalid.
   */
  integer(member: string, min: number, max: number): number | undefined {
    const raw = this.#parameters.get(member);
    if (raw === null) return undefined;
    const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    const prefix = `Value '${quote(raw)}' at '${field(member)}' failed to satisfy constraint: Member must`;
    if (Number.isNaN(value)) this.#violations.push(`${prefix} be an integer`);
    else if (value < min) this.#violations.push(`${prefix} have value greater than or equal to ${min}`);
    else if (value > max) this.#violations.push(`${prefix} have value less than or equal to ${max}`);
    else return value;
    return undefined;
  }

  /**
   * Ends the checks.
   *
   * @throws {import("./query_failure.ts").QueryFailure} `ValidationError` naming every violation, if any.
   */
  done(): void {
    if (this.#violations.length > 0) throw validationFailure(this.#violations);
  }

  #checkText(member: string, value: string, rule: TextRule): void {
    const prefix = `Value '${quote(value)}' at '${field(member)}' failed to satisfy constraint: Member must`;
    if (value.length < rule.min) {
      this.#violations.push(`${prefix} have length greater than or equal to ${rule.min}`);
    } else if (value.length > rule.max) {
      this.#violations.push(`${prefix} have length less than or equal to ${rule.max}`);
    } else if (rule.pattern && !rule.pattern.regex.test(value)) {
      this.#violations.push(`${prefix} satisfy regular expression pattern: ${rule.pattern.text}`);
    }
  }
}

/** AWS names members in messages in camelCase: `RoleName` → `roleName`. */
function field(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function quote(value: string): string {
  return value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}...` : value;
}
