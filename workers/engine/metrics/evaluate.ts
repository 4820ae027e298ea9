import { deriveSeed } from '../util/rng';
import { accuracyFromCorrect, accuracyFromMargins, type AccuracyResult } from './accuracy';
import { GROUPS, mapGroups } from './by-group';
import type {
  EvaluateMethodInput,
  GroupOutputs,
  MethodEvaluation,
  NeuripsEvaluation,
  PopulationMiaEvaluation,
} from './evaluation-types';
import { klomGroup } from './klom';
import { crossEntropyFromMargin } from './margin';
import { row, type MarginMatrix } from './margin-matrix';
import { forgetQuality, neuripsFinalScore } from './neurips-score';
import { noiseFloor } from './noise-floor';
import { populationMia, type PopulationMiaResult } from './population-mia';
import { ulira } from './ulira';

/**
 * Every metric of algorithms.md ("Evaluation") for one unlearning method, from the
 * margins of its N unlearned models and of the oracles on F, the R sample and V.
 * Pure and deterministic given `input.seed`; the result is JSON (./evaluation-types.ts).
 */
export function evaluateMethod(input: EvaluateMethodInput): MethodEvaluation {
  checkInput(input);
  const accuracy = mapGroups((g) => groupAccuracy(input.unlearned[g]));
  const oracleAccuracy = mapGroups((g) => groupAccuracy(input.oracle[g]));
  const oracleMargins = mapGroups((g) => input.oracle[g].margins);
  return {
    formatVersion: 1,
    models: {
      unlearned: input.unlearned.forget.margins.models,
      oracle: input.oracle.forget.margins.models,
      secondOracle: input.secondOracle ? input.secondOracle.forget.models : null,
    },
    points: mapGroups((g) => input.unlearned[g].margins.points),
    accuracy,
    oracleAccuracy,
    klom: mapGroups((g) => klomGroup(input.unlearned[g].margins, input.oracle[g].margins)),
    noiseFloor: input.secondOracle ? noiseFloor(oracleMargins, input.secondOracle) : null,
    ulira: ulira(input.unlearned.forget.margins, input.oracle.forget.margins),
    populationMia: populationMiaOf(input),
    neurips: neuripsOf(input, accuracy.retain, accuracy.validation, oracleAccuracy.retain, oracleAccuracy.validation),
  };
}

function groupAccuracy(outputs: GroupOutputs): AccuracyResult {
  const { margins, correct } = outputs;
  return correct ? accuracyFromCorrect(correct, margins.models, margins.points) : accuracyFromMargins(margins);
}

const lossesFromMargins = (margins: MarginMatrix, model: number) => Float64Array.from(row(margins, model), crossEntropyFromMargin);

function meanAccuracy(results: PopulationMiaResult[]): number | null {
  const ok = results.flatMap((r) => (r.status === 'ok' ? [r.accuracy] : []));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
}

/** One attack per model; model k of every ensemble uses the same seed (same subsample and folds). */
function populationMiaOf(input: EvaluateMethodInput): PopulationMiaEvaluation {
  const { labels, losses, seed } = input;
  const perModel: PopulationMiaResult[] = [];
  const u = input.unlearned;
  for (let k = 0; k < u.forget.margins.models; k++) {
    const f = losses ? row(losses.forget, k) : lossesFromMargins(u.forget.margins, k);
    const v = losses ? row(losses.validation, k) : lossesFromMargins(u.validation.margins, k);
    perModel.push(populationMia(f, v, labels.forget, labels.validation, deriveSeed(seed, 'model', k)));
  }
  const o = input.oracle;
  const oraclePerModel: PopulationMiaResult[] = [];
  for (let k = 0; k < o.forget.margins.models; k++) {
    const f = lossesFromMargins(o.forget.margins, k);
    const v = lossesFromMargins(o.validation.margins, k);
    oraclePerModel.push(populationMia(f, v, labels.forget, labels.validation, deriveSeed(seed, 'model', k)));
  }
  return { perModel, meanAccuracy: meanAccuracy(perModel), oraclePerModel, oracleMeanAccuracy: meanAccuracy(oraclePerModel) };
}

function neuripsOf(
  input: EvaluateMethodInput,
  retain: AccuracyResult,
  test: AccuracyResult,
  oracleRetain: AccuracyResult,
  oracleTest: AccuracyResult,
): NeuripsEvaluation {
  const fq = forgetQuality(input.unlearned.forget.margins, input.oracle.forget.margins);
  const given = input.retrainAccuracy;
  const retrainRetainAccuracy = given ? given.retain : oracleRetain.mean;
  const retrainTestAccuracy = given ? given.validation : oracleTest.mean;
  return {
    ...fq,
    retainAccuracy: retain.mean,
    testAccuracy: test.mean,
    retrainRetainAccuracy,
    retrainTestAccuracy,
    retrainAccuracySource: given ? 'input' : 'oracle-models',
    finalScore: neuripsFinalScore({
      forgetQuality: fq.forgetQuality,
      retainAccuracy: retain.mean,
      retrainRetainAccuracy,
      testAccuracy: test.mean,
      retrainTestAccuracy,
    }),
  };
}

/** Shape checks: programmer errors, so they throw rather than return a typed result. */
function checkInput(input: EvaluateMethodInput): void {
  const fail = (msg: string) => {
    throw new RangeError(`evaluateMethod: ${msg}`);
  };
  const check = (m: MarginMatrix, what: string) => {
    if (m.values.length !== m.models * m.points) fail(`${what} has ${m.values.length} values for ${m.models}×${m.points}`);
  };
  for (const g of GROUPS) {
    const u = input.unlearned[g];
    const o = input.oracle[g];
    check(u.margins, `unlearned.${g}`);
    check(o.margins, `oracle.${g}`);
    if (u.margins.points === 0) fail(`group ${g} has no points`);
    if (o.margins.points !== u.margins.points) fail(`oracle.${g} has ${o.margins.points} points, unlearned ${u.margins.points}`);
    if (u.margins.models !== input.unlearned.forget.margins.models) fail(`unlearned.${g} has a different model count`);
    if (o.margins.models !== input.oracle.forget.margins.models) fail(`oracle.${g} has a different model count`);
    for (const [outputs, who] of [[u, 'unlearned'], [o, 'oracle']] as const) {
      if (outputs.correct && outputs.correct.length !== outputs.margins.values.length) fail(`${who}.${g}.correct has the wrong length`);
    }
    const s = input.secondOracle?.[g];
    if (s) {
      check(s, `secondOracle.${g}`);
      if (s.points !== u.margins.points) fail(`secondOracle.${g} has ${s.points} points, unlearned ${u.margins.points}`);
    }
  }
  if (input.labels.forget.length !== input.unlearned.forget.margins.points) fail('one forget label per forget point');
  if (input.labels.validation.length !== input.unlearned.validation.margins.points) fail('one validation label per validation point');
  if (input.losses) {
    for (const g of ['forget', 'validation'] as const) {
      const l = input.losses[g];
      check(l, `losses.${g}`);
      if (l.models !== input.unlearned[g].margins.models || l.points !== input.unlearned[g].margins.points) {
        fail(`losses.${g} must match unlearned.${g} in shape`);
      }
    }
  }
}
