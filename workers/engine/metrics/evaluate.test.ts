import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { mapGroups } from './by-group';
import { evaluateMethod } from './evaluate';
import type { EvaluateMethodInput } from './evaluation-types';
import { stackRows } from './margin-matrix';
import { gaussianMargins, pointMeans } from './test-support';

function smallInput(): EvaluateMethodInput {
  const rng = new Rng(4);
  const means = mapGroups(() => pointMeans(rng, 12, 2, 1));
  return {
    unlearned: mapGroups((g) => ({ margins: gaussianMargins(rng, 6, means[g], 1) })),
    oracle: mapGroups((g) => ({ margins: gaussianMargins(rng, 6, means[g], 1) })),
    secondOracle: mapGroups((g) => gaussianMargins(rng, 6, means[g], 1)),
    labels: { forget: Array.from({ length: 12 }, (_, i) => i % 2), validation: Array.from({ length: 12 }, (_, i) => i % 2) },
    seed: 1,
  };
}

describe('evaluateMethod', () => {
  it('returns a JSON round-trippable result with every metric', () => {
    const r = evaluateMethod(smallInput());
    expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
    expect(r.formatVersion).toBe(1);
    expect(r.models).toEqual({ unlearned: 6, oracle: 6, secondOracle: 6 });
    expect(r.points).toEqual({ forget: 12, retain: 12, validation: 12 });
    expect(r.accuracy.forget.perModel).toHaveLength(6);
    expect(r.accuracy.forget.rule).toBe('margin-positive');
    expect(r.klom.retain.perPoint).toHaveLength(12);
    expect(r.noiseFloor?.forget.perPoint).toHaveLength(12);
    expect(r.ulira.status).toBe('ok');
    expect(r.populationMia.perModel).toHaveLength(6);
    expect(r.populationMia.oraclePerModel).toHaveLength(6);
    expect(r.neurips.scores).toHaveLength(12);
    expect(r.neurips.retrainAccuracySource).toBe('oracle-models');
    expect(r.neurips.retrainRetainAccuracy).toBeCloseTo(r.oracleAccuracy.retain.mean, 12);
  });

  it('uses argmax flags, given retrain accuracies and given losses when provided', () => {
    const input = smallInput();
    const flags = new Uint8Array(6 * 12).fill(1);
    input.unlearned.retain.correct = flags;
    input.unlearned.validation.correct = flags;
    input.retrainAccuracy = { retain: 0.5, validation: 0.5 };
    // constant losses: the attack can only guess, 0.5 exactly on balanced folds
    input.losses = {
      forget: stackRows(Array.from({ length: 6 }, () => new Array(12).fill(1)), 12),
      validation: stackRows(Array.from({ length: 6 }, () => new Array(12).fill(1)), 12),
    };
    const r = evaluateMethod(input);
    expect(r.accuracy.retain).toEqual({ perModel: new Array(6).fill(1), mean: 1, rule: 'argmax' });
    expect(r.neurips.retrainAccuracySource).toBe('input');
    expect(r.neurips.finalScore).toBeCloseTo(r.neurips.forgetQuality * 2 * 2, 12);
    expect(r.populationMia.meanAccuracy).toBe(0.5);
  });

  it('reports too few models as typed results, and omits the floor without a second ensemble', () => {
    const input = smallInput();
    const take = (m: EvaluateMethodInput['unlearned']['forget']['margins']) => ({ ...m, models: 3, values: m.values.slice(0, 3 * m.points) });
    input.unlearned = mapGroups((g) => ({ margins: take(input.unlearned[g].margins) }));
    delete input.secondOracle;
    const r = evaluateMethod(input);
    expect(r.ulira).toEqual({ status: 'not-enough-models', required: 4, unlearned: 3, oracle: 6 });
    expect(r.noiseFloor).toBeNull();
    expect(r.models.secondOracle).toBeNull();
  });

  it('rejects inconsistent shapes', () => {
    const input = smallInput();
    input.labels = { forget: [0, 1], validation: input.labels.validation };
    expect(() => evaluateMethod(input)).toThrow(/forget label/);
    const other = smallInput();
    other.oracle.retain = { margins: stackRows([[1, 2]], 2) };
    expect(() => evaluateMethod(other)).toThrow(/points/);
  });
});
