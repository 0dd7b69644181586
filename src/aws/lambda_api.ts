/**
 * `LambdaApi`: the Lambda calls the executor makes. Invoke goes through its own client with
 * the SDK's retries off, so one call is one invocation at most.
 *
 * @module
 */
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  type LambdaClientConfig,
  ListFunctionsCommand,
  ListTagsCommand,
  type Runtime,
} from "@aws-sdk/client-lambda";
import { Buffer } from "node:buffer";
import { Context, Effect } from "effect";
import { awsCall } from "./aws_call.ts";
import type { AwsError } from "./aws_error.ts";

/**
 * A function's identity and state, as Lambda reports it.
 *
 * @example
 * ```ts
 * import type { FunctionState } from "@covalent/awslambda";
 * const ready = (f: FunctionState) => f.state === "Active" && f.lastUpdateStatus !== "InProgress";
 * ```
 */
export interface FunctionState {
  /** Function name. */
  readonly name: string;
  /** Function ARN. */
  readonly arn: string;
  /** `Pending`, `Active`, `Inactive` or `Failed`. */
  readonly state?: string;
  /** Why it is in that state. */
  readonly stateReason?: string;
  /** Lambda's code for that reason. */
  readonly stateReasonCode?: string;
  /** `InProgress`, `Successful` or `Failed`. */
  readonly lastUpdateStatus?: string;
}

/**
 * What a new function is made of.
 *
 * @example
 * ```ts
 * import type { FunctionSpec } from "@covalent/awslambda";
 * declare const zip: Uint8Array;
 * const spec: FunctionSpec = {
 *   name: "runner", roleArn: "arn:aws:iam::123456789012:role/R", runtime: "nodejs22.x", handler: "index.handler",
 *   zip, timeoutSeconds: 60, memorySize: 512, architecture: "x86_64", description: "runner", tags: {},
 * };
 * ```
 */
export interface FunctionSpec {
  /** Function name. */
  readonly name: string;
  /** Execution role ARN. */
  readonly roleArn: string;
  /** Runtime identifier. */
  readonly runtime: string;
  /** Handler, `file.export`. */
  readonly handler: string;
  /** The deployment package. */
  readonly zip: Uint8Array;
  /** Timeout, seconds. */
  readonly timeoutSeconds: number;
  /** Memory, MB. */
  readonly memorySize: number;
  /** Architecture. */
  readonly architecture: "x86_64" | "arm64";
  /** Description. */
  readonly description: string;
  /** Tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Lambda's answer to a synchronous invocation.
 *
 * @example
 * ```ts
 * import type { InvokeAnswer } from "@covalent/awslambda";
 * const failed = (answer: InvokeAnswer) => answer.functionError !== undefined;
 * ```
 */
export interface InvokeAnswer {
  /** Set when the function failed (`Unhandled`, `Handled`). */
  readonly functionError?: string;
  /** The response payload. */
  readonly payload: Uint8Array;
  /** The last 4 KB of the function's log, decoded. */
  readonly logTail: string;
}

/**
 * A function found by a listing.
 *
 * @example
 * ```ts
 * import type { ListedFunction } from "@covalent/awslambda";
 * const old = (f: ListedFunction) => f.lastModified.getTime() < Date.now() - 86_400_000;
 * ```
 */
export interface ListedFunction {
  /** Function name. */
  readonly name: string;
  /** Function ARN. */
  readonly arn: string;
  /** When its code or configuration last changed. */
  readonly lastModified: Date;
}

/**
 * The Lambda calls of the executor.
 *
 * @example
 * ```ts
 * import { LambdaApi } from "@covalent/awslambda";
 * const state = LambdaApi.use((lambda) => lambda.getFunction("my-function"));
 * ```
 */
export interface LambdaApi {
  /** A function's state (GetFunctionConfiguration). */
  getFunction(name: string): Effect.Effect<FunctionState, AwsError>;
  /** Creates a function. */
  createFunction(spec: FunctionSpec): Effect.Effect<FunctionState, AwsError>;
  /** Deletes a function. */
  deleteFunction(name: string): Effect.Effect<void, AwsError>;
  /**
   * Invokes a function synchronously, once: the SDK does not retry, so a failure never means
   * a second run. `timeoutSeconds` is the function's; the request waits that long plus a minute.
   * Interrupting the caller does not abort the request: an in-flight invocation is never
   * abandoned half-way (an aborted request can be sent again by some HTTP stacks), so its
   * answer always arrives, or its time runs out.
   */
  invoke(name: string, payload: Uint8Array, timeoutSeconds: number): Effect.Effect<InvokeAnswer, AwsError>;
  /** Every function of the account in this region. */
  listFunctions(): Effect.Effect<readonly ListedFunction[], AwsError>;
  /** A function's tags. */
  tags(arn: string): Effect.Effect<Readonly<Record<string, string>>, AwsError>;
  /** The account's concurrency not reserved by any function (GetAccountSettings). */
  unreservedConcurrency(): Effect.Effect<number, AwsError>;
}

/**
 * The service key of `LambdaApi`.
 *
 * @example
 * ```ts
 * import { LambdaApi } from "@covalent/awslambda";
 * const names = LambdaApi.use((lambda) => lambda.listFunctions());
 * ```
 */
export const LambdaApi: Context.Service<LambdaApi, LambdaApi> = Context.Service<LambdaApi>(
  "@covalent/awslambda/LambdaApi",
);

/** How long Lambda's answer may lag behind the function's own timeout, milliseconds. */
const INVOKE_ANSWER_MARGIN_MS = 60_000;

/** What `makeLambdaApi` needs. */
export interface LambdaApiOptions {
  /** How to build the clients. */
  readonly clientConfig: LambdaClientConfig;
  /** Longest a control-plane request may take, milliseconds. */
  readonly requestTimeoutMs: number;
}

/**
 * Builds the Lambda calls over two new clients (control plane, and Invoke without retries);
 * `close()` releases their connections.
 *
 * @param options The clients' configuration.
 * @returns The service and how to release it.
 */
export function makeLambdaApi(options: LambdaApiOptions): { readonly api: LambdaApi; close(): void } {
  const { clientConfig, requestTimeoutMs: requestTimeout } = options;
  const control = new LambdaClient(clientConfig);
  const invoker = new LambdaClient({ ...clientConfig, maxAttempts: 1 });
  const call = <A>(
    operation: string,
    resource: string | undefined,
    send: (signal: AbortSignal) => Promise<A>,
  ) => awsCall({ service: "lambda", operation, resource }, send);
  const api: LambdaApi = {
    getFunction: (name) =>
      call(
        "GetFunctionConfiguration",
        name,
        (abortSignal) =>
          control.send(new GetFunctionConfigurationCommand({ FunctionName: name }), {
            abortSignal,
            requestTimeout,
          }),
      ).pipe(Effect.map(toState)),
    createFunction: (spec) =>
      call("CreateFunction", spec.name, (abortSignal) =>
        control.send(
          new CreateFunctionCommand({
            FunctionName: spec.name,
            Role: spec.roleArn,
            Runtime: spec.runtime as Runtime,
            Handler: spec.handler,
            Code: { ZipFile: spec.zip },
            Timeout: spec.timeoutSeconds,
            MemorySize: spec.memorySize,
            Architectures: [spec.architecture],
            Description: spec.description,
            Tags: { ...spec.tags },
          }),
          { abortSignal, requestTimeout },
        )).pipe(Effect.map(toState)),
    deleteFunction: (name) =>
      call(
        "DeleteFunction",
        name,
        (abortSignal) =>
          control.send(new DeleteFunctionCommand({ FunctionName: name }), { abortSignal, requestTimeout }),
      ).pipe(Effect.asVoid),
    invoke: (name, payload, timeoutSeconds) =>
      call("Invoke", name, () =>
        invoker.send(
          new InvokeCommand({ FunctionName: name, Payload: payload, LogType: "Tail" }),
          { requestTimeout: timeoutSeconds * 1000 + INVOKE_ANSWER_MARGIN_MS },
        )).pipe(
          Effect.map((response) => ({
            functionError: response.FunctionError,
            payload: response.Payload ?? new Uint8Array(),
            logTail: response.LogResult ? Buffer.from(response.LogResult, "base64").toString("utf8") : "",
          })),
        ),
    listFunctions: () =>
      call("ListFunctions", undefined, async (abortSignal) => {
        const found: ListedFunction[] = [];
        let Marker: string | undefined;
        do {
          const page = await control.send(new ListFunctionsCommand({ Marker }), {
            abortSignal,
            requestTimeout,
          });
          for (const fn of page.Functions ?? []) {
            if (fn.FunctionName && fn.FunctionArn) {
              found.push({
                name: fn.FunctionName,
                arn: fn.FunctionArn,
                lastModified: parseLastModified(fn.LastModified),
              });
            }
          }
          Marker = page.NextMarker;
        } while (Marker);
        return found;
      }),
    unreservedConcurrency: () =>
      call(
        "GetAccountSettings",
        undefined,
        (abortSignal) => control.send(new GetAccountSettingsCommand({}), { abortSignal, requestTimeout }),
      ).pipe(
        Effect.map((settings) =>
          settings.AccountLimit?.UnreservedConcurrentExecutions ??
            settings.AccountLimit?.ConcurrentExecutions ?? 10
        ),
      ),
    tags: (arn) =>
      call(
        "ListTags",
        arn,
        (abortSignal) =>
          control.send(new ListTagsCommand({ Resource: arn }), { abortSignal, requestTimeout }),
      ).pipe(
        Effect.map((response) => response.Tags ?? {}),
      ),
  };
  return {
    api,
    close: () => {
      control.destroy();
      invoker.destroy();
    },
  };
}

function toState(configuration: FunctionConfiguration): FunctionState {
  return {
    name: configuration.FunctionName ?? "",
    arn: configuration.FunctionArn ?? "",
    state: configuration.State,
    stateReason: configuration.StateReason,
    stateReasonCode: configuration.StateReasonCode,
    lastUpdateStatus: configuration.LastUpdateStatus,
  };
}

/** Lambda writes `2025-11-25T02:26:54.000+0000`, which `Date.parse` does not read everywhere. */
function parseLastModified(text: string | undefined): Date {
  if (text === undefined) return new Date(0);
  const date = new Date(text.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}
