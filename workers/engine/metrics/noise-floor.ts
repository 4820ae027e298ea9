import { mapGroups, type ByGroup } from './by-group';
import { klomGroup, type KlomGroup } from './klom';
import type { MarginMatrix } from './margin-matrix';

/**
 * The KLoM noise floor (algorithms.md: "Retrain itself scores near 0 up to sampling
 * noise, which the lab should show as the floor (oracle vs. a second, disjoint set of
 * oracles)"): KLoM of the second oracle ensemble, in the unlearned role, against the
 * first, per group. A method whose KLoM sits at this floor is as close to Retrain as
 * Retrain is to itself with this many models.
 */
export function noiseFloor(oracleA: ByGroup<MarginMatrix>, oracleB: ByGroup<MarginMatrix>): ByGroup<KlomGroup> {
  return mapGroups((g) => klomGroup(oracleB[g], oracleA[g]));
}
