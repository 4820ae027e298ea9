/**
 * Scores margins computed elsewhere (a GPU cluster, EasyDUB, another lab) with the lab's
 * own evaluation: the same KLoM, U-LiRA, population MIA and NeurIPS score as a run, on the
 * same code path. Inputs are [models × points] margin matrices (one .npy per ensemble) and
 * which columns are the forget, retain and validation points.
 */
import { z } from 'zod';
import { evaluateMethod, type ByGroup, type GroupOutputs, type MarginMatrix, type MethodEvaluation } from '../metrics';
import type { NpyArray } from '../npy/npy';
import { UserError } from '../util/user-error';

/** A margin file after parsing, with the name its errors are reported under. */
export interface NamedMargins {
  name: string;
  array: NpyArray;
}

export const pointGroupsSchema = z.object({
  forget: z.array(z.number().int().min(0)).min(1, 'the forget group is empty'),
  retain: z.array(z.number().int().min(0)).min(1, 'the retain group is empty'),
  validation: z.array(z.number().int().min(0)).min(1, 'the validation group is empty'),
  /** Class labels of the forget and validation points (the population MIA balances classes by them). */
  labels: z.object({ forget: z.array(z.number().int().min(0)), validation: z.array(z.number().int().min(0)) }).optional(),
});
export type PointGroups = z.infer<typeof pointGroupsSchema>;

export class MarginInputError extends UserError {
  override readonly name = 'MarginInputError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

function matrixOf(m: NamedMargins): MarginMatrix {
  const { shape, data } = m.array;
  if (shape.length !== 2) throw new MarginInputError(m.name, `expected a [models × points] matrix, got shape [${shape.join(', ')}]`);
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new MarginInputError(m.name, `value ${data[bad]} at model ${Math.floor(bad / shape[1])}, point ${bad % shape[1]}: margins must be finite`);
  return { models: shape[0], points: shape[1], values: data };
}

/** The columns `cols` of a margin matrix, as its own matrix. */
function columns(m: MarginMatrix, cols: readonly number[]): MarginMatrix {
  const values = new Float32Array(m.models * cols.length);
  for (let r = 0; r < m.models; r++) cols.forEach((c, j) => (values[r * cols.length + j] = m.values[r * m.points + c]));
  return { models: m.models, points: cols.length, values };
}

export function evaluateMargins(input: { unlearned: NamedMargins; oracles: NamedMargins; oracles2?: NamedMargins; groups: PointGroups; groupsName: string; seed?: number }): MethodEvaluation {
  const u = matrixOf(input.unlearned);
  const o = matrixOf(input.oracles);
  const o2 = input.oracles2 ? matrixOf(input.oracles2) : null;
  for (const [m, f] of [[o, input.oracles], [o2, input.oracles2]] as const) {
    if (m && f && m.points !== u.points) throw new MarginInputError(f.name, `${m.points} points, but ${input.unlearned.name} has ${u.points}: every file must score the same points in the same order`);
  }
  if (o.models !== u.models) throw new MarginInputError(input.oracles.name, `${o.models} oracle models but ${u.models} unlearned ones: U-LiRA pairs them, so the counts must be equal`);
  const g = input.groups;
  const seen = new Set<number>();
  for (const group of ['forget', 'retain', 'validation'] as const) {
    for (const c of g[group]) {
      if (c >= u.points) throw new MarginInputError(input.groupsName, `${group} point ${c} is past the ${u.points} columns of the margin files`);
      if (seen.has(c)) throw new MarginInputError(input.groupsName, `point ${c} is in more than one group`);
      seen.add(c);
    }
  }
  if (g.labels && (g.labels.forget.length !== g.forget.length || g.labels.validation.length !== g.validation.length)) {
    throw new MarginInputError(input.groupsName, 'labels.forget / labels.validation must list one label per forget / validation point');
  }
  const split = (m: MarginMatrix): ByGroup<MarginMatrix> => ({ forget: columns(m, g.forget), retain: columns(m, g.retain), validation: columns(m, g.validation) });
  const outputs = (m: MarginMatrix): ByGroup<GroupOutputs> => {
    const s = split(m);
    return { forget: { margins: s.forget }, retain: { margins: s.retain }, validation: { margins: s.validation } };
  };
  return evaluateMethod({
    unlearned: outputs(u),
    oracle: outputs(o),
    secondOracle: o2 ? split(o2) : undefined,
    labels: g.labels ?? { forget: new Array(g.forget.length).fill(0), validation: new Array(g.validation.length).fill(0) },
    seed: input.seed ?? 0,
  });
}
