/**
 * Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s): the retry count and maximum age of
 * a function's asynchronous events. Destinations are stored and echoed, not delivered.
 *
 * @module
 */
import type { EventInvokeConfig, FunctionRecord } from "./function_record.ts";
import { findFunction } from "./function_lookup.ts";
import {
  emptyResponse,
  type JsonObject,
  jsonResponse,
  objectMember,
  readJsonObject,
} from "./json_exchange.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import {
  type ConstraintViolation,
  invalidParameter,
  quoted,
  resourceNotFound,
  validationFailure,
} from "./lambda_failure.ts";

const LIMIT = 64 * 1024;

function readConfig(input: JsonObject, base: EventInvokeConfig | undefined): EventInvokeConfig {
  const violations: ConstraintViolation[] = [];
  const bounded = (value: unknown, member: string, min: number, max: number): number | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      const constraint = typeof value === "number" && value > max
        ? `Member must have value less than or equal to ${max}`
        : `Member must have value greater than or equal to ${min}`;
      violations.push({ value: quoted(value), member, constraint });
      return undefined;
    }
    return value;
  };
  const retries = bounded(input.MaximumRetryAttempts, "maximumRetryAttempts", 0, 2);
  const age = bounded(input.MaximumEventAgeInSeconds, "maximumEventAgeInSeconds", 60, 21600);
  if (violations.length > 0) throw validationFailure(violations);
  const destinations = objectMember(input.DestinationConfig);
  if (base === undefined && retries === undefined && age === undefined && destinations === undefined) {
    throw invalidParameter("You must specify at least one of error handling or destination setting.");
  }
  const maximumRetryAttempts = retries ?? base?.maximumRetryAttempts;
  const maximumEventAgeInSeconds = age ?? base?.maximumEventAgeInSeconds;
  return {
    ...(maximumRetryAttempts === undefined ? {} : { maximumRetryAttempts }),
    ...(maximumEventAgeInSeconds === undefined ? {} : { maximumEventAgeInSeconds }),
    destinationConfig: {
      OnSuccess: objectMember(destinations?.OnSuccess) ?? base?.destinationConfig.OnSuccess ?? {},
      OnFailure: objectMember(destinations?.OnFailure) ?? base?.destinationConfig.OnFailure ?? {},
    },
    lastModified: Date.now() / 1000,
  };
}

function configJson(record: FunctionRecord, config: EventInvokeConfig): Record<string, unknown> {
  return {
    LastModified: config.lastModified,
    FunctionArn: `${record.arn}:$LATEST`,
    ...(config.maximumRetryAttempts === undefined
      ? {}
      : { MaximumRetryAttempts: config.maximumRetryAttempts }),
    ...(config.maximumEventAgeInSeconds === undefined
      ? {}
      : { MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds }),
    DestinationConfig: config.destinationConfig,
  };
}

function existing(record: FunctionRecord): EventInvokeConfig {
  if (record.eventInvokeConfig === undefined) {
    throw resourceNotFound(`The function ${record.arn}:$LATEST doesn't have an EventInvokeConfig`);
  }
  return record.eventInvokeConfig;
}

/** PutFunctionEventInvokeConfig: replaces the whole configuration. */
export const putEventInvokeConfig: LambdaOperationHandler = async (context, request, route) => {
  const input = await readJsonObject(request, LIMIT, "PutFunctionEventInvokeConfig");
  const { record } = findFunction(context, route.target ?? "", request.query.get("Qualifier"));
  record.eventInvokeConfig = readConfig(input, undefined);
  return jsonResponse(200, configJson(record, record.eventInvokeConfig), request.requestId);
};

/** UpdateFunctionEventInvokeConfig: merges into the configuration (creating it if needed). */
export const updateEventInvokeConfig: LambdaOperationHandler = async (context, request, route) => {
  const input = await readJsonObject(request, LIMIT, "UpdateFunctionEventInvokeConfig");
  const { record } = findFunction(context, route.target ?? "", request.query.get("Qualifier"));
  record.eventInvokeConfig = readConfig(input, record.eventInvokeConfig);
  return jsonResponse(200, configJson(record, record.eventInvokeConfig), request.requestId);
};

/** GetFunctionEventInvokeConfig: 404 when none is set. */
export const getEventInvokeConfig: LambdaOperationHandler = (context, request, route) => {
  const { record } = findFunction(context, route.target ?? "", request.query.get("Qualifier"));
  return Promise.resolve(jsonResponse(200, configJson(record, existing(record)), request.requestId));
};

/** DeleteFunctionEventInvokeConfig → 204, or 404 when none is set. */
export const deleteEventInvokeConfig: LambdaOperationHandler = (context, request, route) => {
  const { record } = findFunction(context, route.target ?? "", request.query.get("Qualifier"));
  existing(record);
  delete record.eventInvokeConfig;
  return Promise.resolve(emptyResponse(204, request.requestId));
};

/** ListFunctionEventInvokeConfigs: the one configuration of `$LATEST`, if any. */
export const listEventInvokeConfigs: LambdaOperationHandler = (context, request, route) => {
  const { record } = findFunction(context, route.target ?? "", null);
  const configs = record.eventInvokeConfig === undefined
    ? []
    : [configJson(record, record.eventInvokeConfig)];
  return Promise.resolve(jsonResponse(200, { FunctionEventInvokeConfigs: configs }, request.requestId));
};
