/**
 * GetAccountSettings: `GET /2016-08-19/account-settings`.
 *
 * @module
 */
import { jsonResponse } from "./json_exchange.ts";
import type { LambdaOperationHandler } from "./lambda_context.ts";
import { ZIPPED_LIMIT } from "./deployment_package.ts";
import { UNZIPPED_LIMIT } from "./zip_extract.ts";

/** AWS's default storage quota for all deployment packages of an account (75 GB). */
const TOTAL_CODE_SIZE = 80_530_636_800;

/** Limits (concurrency as configured) and usage (function count, code size). */
export const getAccountSettings: LambdaOperationHandler = (context, request) => {
  const functions = context.registry.list();
  const reserved = functions.reduce((sum, record) => sum + (record.reservedConcurrency ?? 0), 0);
  const body = {
    AccountLimit: {
      TotalCodeSize: TOTAL_CODE_SIZE,
      CodeSizeUnzipped: UNZIPPED_LIMIT,
      CodeSizeZipped: ZIPPED_LIMIT,
      ConcurrentExecutions: context.concurrency,
      UnreservedConcurrentExecutions: context.concurrency - reserved,
    },
    AccountUsage: {
      TotalCodeSize: functions.reduce((sum, record) => sum + record.latest.code.size, 0),
      FunctionCount: functions.length,
    },
  };
  return Promise.resolve(jsonResponse(200, body, request.requestId));
};
