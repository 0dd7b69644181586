/**
 * `@covalent/awslambda`: run TypeScript tasks on AWS Lambda from a workflow.
 *
 * The executor itself is under construction; local AWS is available from
 * `@covalent/awslambda/local`.
 *
 * @module
 */
export { VERSION } from "./src/version.ts";
