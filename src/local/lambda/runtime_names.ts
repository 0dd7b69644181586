/**
 * The `Runtime` values Lambda accepts, and the ones it no longer lets functions be created
 * or updated with.
 *
 * @module
 */
import { invalidParameter, type LambdaFailure } from "./lambda_failure.ts";

/** Every runtime identifier in Lambda's enum. */
export const LAMBDA_RUNTIMES: readonly string[] = [
  "nodejs",
  "nodejs4.3",
  "nodejs6.10",
  "nodejs8.10",
  "nodejs10.x",
  "nodejs12.x",
  "nodejs14.x",
  "nodejs16.x",
  "nodejs18.x",
  "nodejs20.x",
  "nodejs22.x",
  "nodejs24.x",
  "java8",
  "java8.al2",
  "java11",
  "java17",
  "java21",
  "java25",
  "python2.7",
  "python3.6",
  "python3.7",
  "python3.8",
  "python3.9",
  "python3.10",
  "python3.11",
  "python3.12",
  "python3.13",
  "python3.14",
  "dotnetcore1.0",
  "dotnetcore2.0",
  "dotnetcore2.1",
  "dotnetcore3.1",
  "dotnet6",
  "dotnet8",
  "dotnet10",
  "nodejs4.3-edge",
  "go1.x",
  "ruby2.5",
  "ruby2.7",
  "ruby3.2",
  "ruby3.3",
  "ruby3.4",
  "ruby4.0",
  "provided",
  "provided.al2",
  "provided.al2023",
];

/** Runtimes past AWS's "block function create and update" date, with the suggested successor. */
const RETIRED: Readonly<Record<string, string>> = {
  "nodejs": "nodejs24.x",
  "nodejs4.3": "nodejs24.x",
  "nodejs4.3-edge": "nodejs24.x",
  "nodejs6.10": "nodejs24.x",
  "nodejs8.10": "nodejs24.x",
  "nodejs10.x": "nodejs24.x",
  "nodejs12.x": "nodejs24.x",
  "nodejs14.x": "nodejs24.x",
  "python2.7": "python3.14",
  "python3.6": "python3.14",
  "python3.7": "python3.14",
  "dotnetcore1.0": "dotnet8",
  "dotnetcore2.0": "dotnet8",
  "dotnetcore2.1": "dotnet8",
  "dotnetcore3.1": "dotnet8",
  "ruby2.5": "ruby3.4",
  "go1.x": "provided.al2023",
};

/**
 * The runtimes AWS names in its "Value x at 'runtime'" answer, in AWS's order: only the ones a
 * function may still be created with (S: LS-snap test_create_lambda_exceptions, recorded
 * 2026-01-12). Accepted runtimes missing there (newer ones) follow, in enum order.
 */
const LISTED_IN_ERROR: readonly string[] = [
  "nodejs20.x",
  "python3.14",
  "provided.al2023",
  "python3.12",
  "python3.13",
  "nodejs24.x",
  "nodejs22.x",
  "java25",
  "python3.10",
  "python3.11",
  "java21",
  "ruby3.3",
  "ruby3.4",
  "ruby3.2",
  "python3.8",
  "python3.9",
  "java17",
  "nodejs16.x",
  "dotnet10",
  "dotnet8",
  "java11",
  "dotnet6",
  "nodejs18.x",
  "provided.al2",
  "java8.al2",
];

/** Accepted runtimes AWS's recorded listing leaves out because they predate it. */
const OLDER_UNLISTED = new Set(["java8", "provided", "ruby2.7"]);

const RUNTIME_VERSION_ARN =
  /^arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}::runtime:.+$/;

/**
 * Checks a `Runtime` member. Returns AWS's InvalidParameterValueException for a value outside
 * the enum ("Value x at 'runtime' failed to satisfy constraint: …") or a retired runtime, and
 * undefined when the runtime may be used.
 */
export function runtimeProblem(runtime: string): LambdaFailure | undefined {
  if (RUNTIME_VERSION_ARN.test(runtime) && runtime.length <= 2048) return undefined;
  if (!LAMBDA_RUNTIMES.includes(runtime)) {
    return invalidParameter(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${
        errorListing().join(", ")
      }] or be a valid ARN`,
    );
  }
  const successor = RETIRED[runtime];
  if (successor !== undefined) {
    return invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${successor}) while creating or updating functions.`,
    );
  }
  return undefined;
}

function errorListing(): string[] {
  const newer = LAMBDA_RUNTIMES.filter((name) =>
    !LISTED_IN_ERROR.includes(name) && RETIRED[name] === undefined && !OLDER_UNLISTED.has(name)
  );
  return [...LISTED_IN_ERROR, ...newer];
}
