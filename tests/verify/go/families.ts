/**
 * The Go rows grouped as the tables of these tests were first written (one column per
 * family); the recorded answers of every release (fixtures/go-releases) split the families
 * into the rows of src/verify/go/eras.ts, and a table names a single row where they differ.
 */
import type { GoClientId } from '../../../src/verify/go/index.js';

export const FAMILIES: Readonly<Partial<Record<GoClientId, readonly GoClientId[]>>> = {
  go: ['go1.24', 'go1.23', 'go1.21', 'go', 'go1.18', 'go1.17'],
  'go1.15': ['go1.16', 'go1.15'],
  'go1.14': ['go1.14'],
  'go1.11': ['go1.13', 'go1.11.6', 'go1.11.3', 'go1.11.1', 'go1.11'],
  'go1.10': ['go1.10.6', 'go1.10.3', 'go1.10.1', 'go1.10'],
  'go1.8': ['go1.9.2', 'go1.9', 'go1.8.5', 'go1.8'],
  'go1.5': ['go1.6', 'go1.5'],
  'go1.4': ['go1.4'],
};

/** Every row of the named families. */
export function expand(families: readonly GoClientId[]): GoClientId[] {
  return families.flatMap((id) => FAMILIES[id] ?? [id]);
}

/** `base` with the families in `byFamily`, then the single rows in `byRow`, overridden. */
export function override<T>(
  base: Readonly<Record<GoClientId, T>>,
  byFamily: Readonly<Partial<Record<GoClientId, T>>> = {},
  byRow: Readonly<Partial<Record<GoClientId, T>>> = {},
): Record<GoClientId, T> {
  const out = { ...base };
  for (const [family, value] of Object.entries(byFamily) as [GoClientId, T][]) {
    for (const id of expand([family])) out[id] = value;
  }
  for (const [id, value] of Object.entries(byRow) as [GoClientId, T][]) out[id] = value;
  return out;
}
