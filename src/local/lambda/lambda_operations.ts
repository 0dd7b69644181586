/**
 * Which handler answers each Lambda operation.
 *
 * @module
 */
import { getAccountSettings } from "./account_settings.ts";
import { downloadFunctionCode } from "./code_location.ts";
import { createFunction } from "./create_function.ts";
import { deleteFunction } from "./delete_function.ts";
import {
  deleteEventInvokeConfig,
  getEventInvokeConfig,
  listEventInvokeConfigs,
  putEventInvokeConfig,
  updateEventInvokeConfig,
} from "./event_invoke_config.ts";
import {
  deleteFunctionConcurrency,
  getFunctionConcurrency,
  putFunctionConcurrency,
} from "./function_concurrency.ts";
import { getFunction, getFunctionConfiguration, listFunctions } from "./function_queries.ts";
import { listTags, tagResource, untagResource } from "./function_tags.ts";
import { invoke } from "./invoke_function.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import type { LambdaOperation } from "./lambda_routes.ts";
import { updateFunctionCode, updateFunctionConfiguration } from "./update_function.ts";

/** The handler of every routed operation. */
export const LAMBDA_OPERATIONS: Readonly<Record<LambdaOperation, LambdaOperationHandler>> = {
  CreateFunction: createFunction,
  ListFunctions: listFunctions,
  GetFunction: getFunction,
  DeleteFunction: deleteFunction,
  GetFunctionConfiguration: getFunctionConfiguration,
  UpdateFunctionConfiguration: updateFunctionConfiguration,
  UpdateFunctionCode: updateFunctionCode,
  Invoke: invoke,
  DownloadFunctionCode: downloadFunctionCode,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTags: listTags,
  PutFunctionConcurrency: putFunctionConcurrency,
  GetFunctionConcurrency: getFunctionConcurrency,
  DeleteFunctionConcurrency: deleteFunctionConcurrency,
  PutFunctionEventInvokeConfig: putEventInvokeConfig,
  UpdateFunctionEventInvokeConfig: updateEventInvokeConfig,
  GetFunctionEventInvokeConfig: getEventInvokeConfig,
  DeleteFunctionEventInvokeConfig: deleteEventInvokeConfig,
  ListFunctionEventInvokeConfigs: listEventInvokeConfigs,
  GetAccountSettings: getAccountSettings,
};
