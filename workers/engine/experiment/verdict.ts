/**
 * The results headline: which methods land closest to Retrain, each said in one plain
 * sentence. Pure, from a results file (complete or partial), so the page, the CLI and the
 * tests read the same verdict. The thresholds come from the run's own noise:
 *
 * - KLoM: a method's forget-set KLoM p95 is "within the noise floor" when it is at most
 *   the upper end of the floor's 95% bootstrap interval (the p95 of oracle-vs-oracle KLoM,
 *   resampled over the forget points). Two retrained ensembles disagree that much by chance.
 * - U-LiRA: the attack "cannot tell" when its AUC is below 0.5 + 2 standard errors, the
 *   Hanley–McNeil error at AUC 0.5 with one sample per forget point on each side (scores of
 *   one point under many models are correlated, so the points, not the model × point
 *   pairs, are the independent samples).
 * - Utility: a method "hurt accuracy" when its mean validation accuracy is more than
 *   max(2 pp, 2 standard errors of the two means over models) below Retrain's.
 * - "Did not forget": its KLoM moved less than a fifth of the way from Do nothing's to the floor.
 */
import type { KlomGroup } from '../metrics/klom';
import { klomDiagnosis, type KlomDiagnosis } from '../metrics/klom-diagnosis';
import { stackRows } from '../metrics/margin-matrix';
import { quantileSorted } from '../metrics/summary';
import { Rng } from '../util/rng';
import type { ExperimentResults, MethodResult } from './results';

export type VerdictKind =
  | 'target' // Retrain itself
  | 'baseline' // Do nothing
  | 'indistinguishable'
  | 'attack-detects' // KLoM within the floor, yet the attack tells it apart
  | 'outputs-differ' // the attack cannot tell, yet KLoM is above the floor
  | 'detectable' // forgets in part, KLoM above the floor and the attack detects it
  | 'not-forgotten'
  | 'overshot' // its forget margins fell well past Retrain's
  | 'failed'
  | 'pending';

/** A verdict in a few words, for the table's Verdict column (the sentence is the long form). */
export const VERDICT_SHORT: Record<VerdictKind, string> = {
  target: 'the target',
  baseline: 'starting point',
  indistinguishable: 'indistinguishable',
  'attack-detects': 'attack detects it',
  'outputs-differ': 'outputs differ',
  detectable: 'forgets in part',
  'not-forgotten': 'did not forget',
  overshot: 'went past Retrain',
  failed: 'failed',
  pending: 'not evaluated',
};

export interface MethodVerdict {
  /** Index into results.methods. */
  index: number;
  id: string;
  label: string;
  kind: VerdictKind;
  /** 1 = closest to Retrain; null for Retrain, Do nothing and methods without a verdict. */
  rank: number | null;
  sentence: string;
  klomP95: number | null;
  auc: number | null;
  validationAcc: number | null;
  hurtAccuracy: boolean;
  relativeCost: number | null;
  /** Where a method short of Retrain is off: its KLoM with Retrain's per-point means, and with its spread. */
  klomDiagnosis?: KlomDiagnosis;
}

export interface Thresholds {
  /** The floor's forget-set KLoM p95 and the upper end of its 95% bootstrap interval; null without a floor. */
  floorP95: number | null;
  floorUpper: number | null;
  /** The AUC above which the attack tells a method from Retrain. */
  aucDetectable: number | null;
  /** Validation-accuracy drop (fraction) below Retrain's that counts as hurting accuracy. */
  accuracyDrop: number | null;
}

export interface Verdict {
  thresholds: Thresholds;
  methods: MethodVerdict[];
  /** Labels of the ranked methods in rank order. */
  ranking: string[];
  /** The sentence above the charts. */
  headline: string;
}

const BOOTSTRAP_DRAWS = 400;
const MIN_ACCURACY_DROP = 0.02;
const NOT_FORGOTTEN_PROGRESS = 0.2;
/**
 * "Went past Retrain": the forget margins' mean lies beyond Retrain's, on the side away from
 * Do nothing, by more than this fraction of Do nothing's own distance from Retrain.
 */
const OVERSHOOT_FRACTION = 0.5;
/**
 * Models that scatter this many times as widely as the oracles (median over forget points)
 * flatter KLoM (klom-diagnosis.ts). Two oracle ensembles of 32 give 0.9–1.05 on every preset
 * (the sample spread's own error at N = 32 is about 13%); 3× is far outside chance.
 */
const SCATTER_LIMIT = 3;

/** Upper end of the 95% bootstrap interval of a sample's p95 (seeded: the same results give the same verdict). */
export function bootstrapP95Upper(values: readonly number[], draws = BOOTSTRAP_DRAWS, seed = 1): number {
  const n = values.length;
  if (n === 0) return NaN;
  const rng = new Rng(seed);
  const sample = new Float64Array(n);
  const p95s = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < n; i++) sample[i] = values[rng.int(n)];
    sample.sort();
    p95s[d] = quantileSorted(sample, 0.95);
  }
  p95s.sort();
  return quantileSorted(p95s, 0.975);
}

/** Hanley & McNeil (1982) standard error of an AUC from n1 positives and n2 negatives. */
export function aucStandardError(auc: number, n1: number, n2: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  return Math.sqrt((auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n2 - 1) * (q2 - auc * auc)) / (n1 * n2));
}

const meanOf = (xs: readonly number[] | undefined) => (xs && xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN);
const sdOf = (xs: readonly number[]) => {
  const m = meanOf(xs);
  return xs.length > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1)) : 0;
};

function floorOf(r: ExperimentResults): KlomGroup | null {
  return r.reference.noiseFloor?.forget ?? r.methods.find((m) => m.evaluation?.noiseFloor)?.evaluation?.noiseFloor?.forget ?? null;
}

function oracleForgetAccuracy(r: ExperimentResults): number[] {
  return r.reference.oracles?.accuracy.forget ?? r.methods.find((m) => m.evaluation)?.evaluation?.oracleAccuracy.forget.perModel ?? [];
}

function oracleValidation(r: ExperimentResults): number[] {
  return r.reference.oracles?.accuracy.validation ?? r.methods.find((m) => m.evaluation)?.evaluation?.oracleAccuracy.validation.perModel ?? [];
}

export function thresholdsOf(r: ExperimentResults): Thresholds {
  const floor = floorOf(r);
  const forgetPoints = r.points.forget.length;
  const oracleAcc = oracleValidation(r);
  const sd = sdOf(oracleAcc);
  return {
    floorP95: floor?.summary.p95 ?? null,
    floorUpper: floor ? bootstrapP95Upper(floor.perPoint) : null,
    aucDetectable: forgetPoints > 1 ? 0.5 + 2 * aucStandardError(0.5, forgetPoints, forgetPoints) : null,
    // Two means over N models each: their difference has variance sd²/N + sd²/N.
    accuracyDrop: oracleAcc.length ? Math.max(MIN_ACCURACY_DROP, 2 * sd * Math.sqrt(2 / oracleAcc.length)) : null,
  };
}

const f2 = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pp = (v: number) => `${(v * 100).toFixed(1)} pp`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Results objects are replaced, never mutated, so a verdict can be kept per object. */
const verdicts = new WeakMap<ExperimentResults, Verdict>();

/** The ranked verdict of a results object (its bootstrap runs once per object, however many views ask). */
export function verdictOf(r: ExperimentResults): Verdict {
  let v = verdicts.get(r);
  if (!v) verdicts.set(r, (v = computeVerdict(r)));
  return v;
}

function computeVerdict(r: ExperimentResults): Verdict {
  const t = thresholdsOf(r);
  const none = r.methods.find((m) => m.id === 'none' && m.evaluation);
  const noneP95 = none?.evaluation?.klom.forget.summary.p95 ?? null;
  const retrainValidation = meanOf(oracleValidation(r));

  // the forget margins every method's diagnosis compares with, gathered once per verdict
  const oracleForgetRows = r.reference.oracles?.margins?.forget;
  const oracleForgetMargins = oracleForgetRows?.length ? stackRows(oracleForgetRows, oracleForgetRows[0].length) : null;
  const originalsForgetMean = meanOf(r.reference.originals?.margins?.forget?.map((row) => meanOf(row)));

  const judged = r.methods.map((m, index) => judge(m, index));
  const ranked = judged
    .filter((v) => v.klomP95 != null && !['target', 'baseline', 'failed', 'pending'].includes(v.kind))
    .sort((a, b) => a.klomP95! - b.klomP95! || (a.auc ?? 1) - (b.auc ?? 1));
  ranked.forEach((v, i) => (v.rank = i + 1));
  return { thresholds: t, methods: judged, ranking: ranked.map((v) => v.label), headline: headline(ranked, t) };

  function judge(m: MethodResult, index: number): MethodVerdict {
    const e = m.evaluation;
    const base = { index, id: m.id, label: m.label, rank: null, relativeCost: Number.isFinite(m.cost.relativeToRetrain) ? m.cost.relativeToRetrain : null };
    if (m.status === 'failed' || m.status === 'diverged') {
      return { ...base, kind: 'failed', sentence: `${m.status === 'diverged' ? 'diverged' : 'failed'}${m.error ? `: ${m.error}` : ''}`, klomP95: null, auc: null, validationAcc: null, hurtAccuracy: false };
    }
    if (!e || !m.outputs) return { ...base, kind: 'pending', sentence: 'not evaluated', klomP95: null, auc: null, validationAcc: null, hurtAccuracy: false };
    const klomP95 = e.klom.forget.summary.p95;
    const auc = e.ulira.status === 'ok' ? e.ulira.auc : null;
    const validationAcc = meanOf(m.outputs.accuracy.validation);
    const drop = retrainValidation - validationAcc;
    const hurtAccuracy = t.accuracyDrop != null && Number.isFinite(drop) && drop > t.accuracyDrop;
    const v = { ...base, klomP95, auc, validationAcc, hurtAccuracy };
    if (m.id === 'retrain') {
      const exact = t.floorP95 != null && Math.abs(klomP95 - t.floorP95) < 1e-12;
      return { ...v, kind: 'target', sentence: exact ? 'the target: a second retrained ensemble, so its KLoM is the noise floor itself' : 'the target: retrained without the forget set (its KLoM can read below the floor: two oracle samples of the same size)' };
    }
    if (m.id === 'none') return { ...v, kind: 'baseline', sentence: 'the starting point: the original models, untouched' };

    const diagnosis = diagnose(m, klomP95);
    const scatters = diagnosis != null && diagnosis.spreadRatio > SCATTER_LIMIT;
    // a KLoM that scattered models flatter is no evidence of being within the floor
    const withinFloor = t.floorUpper != null && klomP95 <= t.floorUpper && !scatters;
    const overshoot = overshootOf(diagnosis);
    const attackTells = auc != null && t.aucDetectable != null && auc > t.aucDetectable;
    const progress = noneP95 != null && t.floorP95 != null && noneP95 > t.floorP95 ? (noneP95 - klomP95) / (noneP95 - t.floorP95) : null;
    const vsFloor = t.floorP95 ? ` (KLoM ${f2(klomP95)}, ${f2(klomP95 / t.floorP95)}× the floor)` : ` (KLoM ${f2(klomP95)})`;
    const aucText = auc != null ? `AUC ${auc.toFixed(2)}` : 'no attack';
    let kind: VerdictKind;
    let sentence: string;
    if (withinFloor && !attackTells) {
      kind = 'indistinguishable';
      sentence = `indistinguishable from Retrain: KLoM within the noise floor, ${aucText}`;
    } else if (withinFloor) {
      kind = 'attack-detects';
      sentence = `outputs as close to Retrain's as two retrains are, but the attack still tells it apart (${aucText})`;
    } else if (overshoot) {
      kind = 'overshot';
      sentence = `went past Retrain${vsFloor}: its forget margins average ${overshoot.method.toFixed(2)} where Retrain's average ${overshoot.oracle.toFixed(2)} and Do nothing's ${overshoot.originals.toFixed(2)}`;
    } else if (progress != null && progress < NOT_FORGOTTEN_PROGRESS) {
      kind = 'not-forgotten';
      sentence = `did not forget${vsFloor}; it moved ${Math.max(0, Math.round(progress * 100))}% of the way from Do nothing to the floor`;
    } else if (!attackTells && auc != null) {
      kind = 'outputs-differ';
      sentence = `forgets (the attack cannot tell, ${aucText}) but its outputs differ from Retrain's${vsFloor}`;
    } else {
      kind = 'detectable';
      sentence = `forgets in part but is detectable${vsFloor}, ${aucText}`;
    }
    if (hurtAccuracy) sentence += `; hurt accuracy (validation ${pp(drop)} below Retrain)`;
    if (scatters) sentence += `; its models scatter ${diagnosis.spreadRatio.toFixed(1)}× as widely as Retrain's on the forget points, which widens KLoM's bins and can flatter it`;
    const shown = kind === 'indistinguishable' ? undefined : diagnosis;
    if (shown) sentence += diagnosisText(shown);
    // The measured reason a datamodel method falls short: what its attribution predicted.
    const check = m.attributionCheck;
    const oracleForget = meanOf(oracleForgetAccuracy(r));
    if (check && kind !== 'indistinguishable' && Number.isFinite(oracleForget)) {
      // The shift says how far off the size of the predicted change is (a high r with the
      // wrong size still fails: most points barely move, so r over all points looks good).
      const { predicted, actual } = check.groupRemoval.forgetShift;
      const shift = Number.isFinite(predicted) && Number.isFinite(actual) ? `; it predicted the forget margins to move by ${predicted.toFixed(2)} where retraining moves them by ${actual.toFixed(2)}` : '';
      sentence += `; its ${check.estimator} attribution predicted ${pct(check.predictedAccuracy.forget)} forget accuracy where retrained models have ${pct(oracleForget)}${shift} (group-removal r ${Number.isFinite(check.groupRemoval.all) ? check.groupRemoval.all.toFixed(2) : '—'})`;
    }
    return { ...v, kind, sentence, ...(shown ? { klomDiagnosis: shown } : {}) };
  }

  function overshootOf(d: KlomDiagnosis | undefined): { method: number; oracle: number; originals: number } | null {
    if (!d || !Number.isFinite(originalsForgetMean)) return null;
    const before = originalsForgetMean - d.oracleMeanMargin;
    const after = d.meanMargin - d.oracleMeanMargin;
    return after * before < 0 && Math.abs(after) > OVERSHOOT_FRACTION * Math.abs(before) ? { method: d.meanMargin, oracle: d.oracleMeanMargin, originals: originalsForgetMean } : null;
  }

  function diagnose(m: MethodResult, klomP95: number): KlomDiagnosis | undefined {
    const own = m.outputs?.margins?.forget;
    if (!oracleForgetMargins || !own?.length || own[0].length === 0) return undefined;
    return klomDiagnosis(stackRows(own, own[0].length), oracleForgetMargins, klomP95);
  }
}

/**
 * The diagnosis in words: which of the two (where each point's margins sit, or how widely
 * they spread) brings KLoM further down when set to Retrain's.
 */
function diagnosisText(d: KlomDiagnosis): string {
  const means = `${f2(d.withOracleMeans)} with Retrain's per-point means`;
  const spread = `${f2(d.withOracleSpread)} with Retrain's spread`;
  return d.withOracleMeans <= d.withOracleSpread ? `; off in where each point lands: KLoM ${means}, ${spread}` : `; off in how widely its models spread: KLoM ${spread}, ${means}`;
}

function headline(ranked: MethodVerdict[], t: Thresholds): string {
  if (ranked.length === 0) return 'No unlearning method has been evaluated yet.';
  const names = ranked.slice(0, 3).map((v) => v.label);
  const closest = `Closest to Retrain: ${names[0]}${names.length > 1 ? `, then ${names.slice(1).join(' and ')}` : ''}.`;
  const indistinguishable = ranked.filter((v) => v.kind === 'indistinguishable').map((v) => v.label);
  const which =
    indistinguishable.length === 0
      ? ' No method is indistinguishable from Retrain here.'
      : ` Indistinguishable from Retrain: ${indistinguishable.join(', ')}.`;
  const floor = t.floorP95 == null ? ' No noise floor was measured, so KLoM has no yardstick in this run.' : '';
  return `${closest}${which}${floor}`;
}
