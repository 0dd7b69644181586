/**
 * The command-line flags that point a CLI command at an executor bed, as a user would type them.
 *
 * @module
 */
import type { ExecutorBed } from "./executor_bed.ts";

/** Which bucket and role the flags name. */
export interface BedFlagChoices {
  /** The bucket to name: the bed's by default, another name, or none (`false`). */
  readonly bucket?: string | false;
  /** An execution role to name; none by default (the config's default applies). */
  readonly role?: string;
}

/** `--endpoint … --region … --credentials … --profile … --config …`, with a bucket and role as chosen. */
export function bedFlags(bed: ExecutorBed, choices: BedFlagChoices = {}): string[] {
  const o = bed.options;
  const bucket = choices.bucket === undefined ? o.s3BucketName! : choices.bucket;
  return [
    ...["--endpoint", o.endpoint!, "--region", o.region!],
    ...["--credentials", o.credentials!, "--profile", o.profile!, "--config", o.configFile!],
    ...(bucket === false ? [] : ["--bucket", bucket]),
    ...(choices.role === undefined ? [] : ["--role", choices.role]),
  ];
}
