/**
 * Tasks of the demo workflow that live in a module: bundled with their npm dependency
 * (smol-toml) and shipped to Lambda as one file.
 *
 * @module
 */
import { parse } from "smol-toml";

/** A station's settings, parsed from TOML. */
export interface StationSettings {
  /** Station name. */
  readonly name: string;
  /** Sensors and their sampling rates, Hz. */
  readonly sensors: Map<string, number>;
}

/** Parses a station's TOML settings into a typed value (a Map travels back intact). */
export function parseStation(toml: string): StationSettings {
  const doc = parse(toml) as { name: string; sensors: Record<string, number> };
  return { name: doc.name, sensors: new Map(Object.entries(doc.sensors)) };
}
