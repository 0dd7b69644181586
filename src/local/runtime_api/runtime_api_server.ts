/**
 * Serves one environment's Runtime API on its own loopback port, the address a function
 * process finds in `AWS_LAMBDA_RUNTIME_API`.
 *
 * @module
 */
import { listen } from "../http/node_listener.ts";
import { createRuntimeApi } from "./runtime_api.ts";
import type { RuntimeApiEvents, RuntimeInvocation } from "./runtime_invocation.ts";

/** A running Runtime API. */
export interface RuntimeApiServer {
  /** `127.0.0.1:<port>`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  readonly address: string;
  /** Hands an invocation to the runtime's pending (or next) `/invocation/next`. */
  deliver(invocation: RuntimeInvocation): void;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/**
 * Starts a Runtime API on 127.0.0.1 and a free port.
 *
 * @example Serve a runtime
 * ```ts
 * const api = await startRuntimeApiServer(events);
 * spawn("node", ["bootstrap.mjs"], { env: { AWS_LAMBDA_RUNTIME_API: api.address } });
 * api.deliver(invocation);
 * ```
 *
 * @param events Where it reports what the runtime does.
 * @returns The running server.
 */
export async function startRuntimeApiServer(events: RuntimeApiEvents): Promise<RuntimeApiServer> {
  const api = createRuntimeApi(events);
  const host = "127.0.0.1";
  const listener = await listen((request) => api.handle(request), host, 0);
  return {
    address: `${host}:${listener.port}`,
    deliver: (invocation) => api.deliver(invocation),
    close: () => {
      api.close();
      return listener.close();
    },
  };
}
