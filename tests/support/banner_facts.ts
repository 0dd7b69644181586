/**
 * The facts of a local AWS banner for tests that look at one line of it.
 *
 * @module
 */
import type { LocalBannerFacts } from "../../src/cli/local_banner.ts";

/** A typical embedded local AWS's banner facts, with `changes`. */
export function bannerFacts(changes: Partial<LocalBannerFacts> = {}): LocalBannerFacts {
  return {
    endpoint: "http://127.0.0.1:4566",
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    dataDir: "/tmp/x",
    keepsData: false,
    bucket: "b",
    roleName: "r",
    ...changes,
  };
}
