/**
 * Helpers for IAM and STS tests: trust policies, and a way to alter what the real SDK sends
 * (before it signs) to reach server paths the SDK never takes on its own.
 *
 * @module
 */
import type { IAMClient } from "@aws-sdk/client-iam";
import type { STSClient } from "@aws-sdk/client-sts";

/** A trust policy letting Lambda assume the role. */
export const LAMBDA_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/** A small inline policy. */
export const S3_READ_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }],
};

/** The parts of an outgoing HTTP request a rewrite may change. */
export interface OutgoingQueryRequest {
  body: string;
  query: Record<string, string>;
}

type Handler = (args: { request: unknown }) => Promise<unknown>;

/** The one `middlewareStack.add` overload used here, shared by the IAM and STS clients. */
interface BuildStep {
  add(middleware: (next: Handler) => Handler, options: { step: "build"; name: string }): void;
}

/**
 * Rewrites each request the client sends, after it is serialized and before it is signed,
 * so the signature still matches what reaches the server.
 *
 * @param client The client to alter.
 * @param rewrite Changes the form body and query string in place.
 * @returns The same client.
 */
export function rewriteRequests<C extends IAMClient | STSClient>(
  client: C,
  rewrite: (request: OutgoingQueryRequest) => void,
): C {
  (client.middlewareStack as unknown as BuildStep).add(
    (next) => (args) => {
      const request = args.request as OutgoingQueryRequest & { headers: Record<string, string> };
      rewrite(request);
      request.headers["content-length"] = String(new TextEncoder().encode(request.body).length);
      return next(args);
    },
    { step: "build", name: "rewriteQueryRequest" },
  );
  return client;
}
