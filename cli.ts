/**
 * The `covalent-awslambda` command line (under construction).
 *
 * @module
 */
export {};
