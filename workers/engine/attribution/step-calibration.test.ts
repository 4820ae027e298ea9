import { describe, expect, it } from 'vitest';
import type { ModelWeights } from '../models/weights';
import { calibrateStepScale, type CalibrationInputs } from './step-calibration';

/**
 * The calibration on a case whose answer is known by construction: two classes, logits
 * [margin, 0] so each margin is its first logit (label 0). The originals give every train
 * point margin 3 and every validation point margin 1 (gap −2); the scale-1 step moves a
 * removed fold's margins by −4, so the scale that makes it match the gap is exactly 0.5.
 */
const models = 2;
const trainRows = 50;
const validationRows = 20;
const logitsWithMargin = (rows: number, margin: (m: number, r: number) => number): Float32Array => {
  const out = new Float32Array(models * rows * 2);
  for (let m = 0; m < models; m++) for (let r = 0; r < rows; r++) out[(m * rows + r) * 2] = margin(m, r);
  return out;
};

function inputs(change: number, seen: number[][]): CalibrationInputs {
  return {
    folds: 5,
    seed: 3,
    trainRows,
    classes: 2,
    models,
    labels: new Uint8Array(trainRows),
    validationLabels: new Uint8Array(validationRows),
    originalsTrain: logitsWithMargin(trainRows, () => 3),
    originalsValidation: logitsWithMargin(validationRows, () => 1),
    step: async (rows) => {
      seen.push(Array.from(rows));
      return [] as ModelWeights[];
    },
    predict: async (_, rows) => logitsWithMargin(rows.length, () => 3 + change),
  };
}

describe('step calibration against the generalisation gap', () => {
  it('finds the scale that moves removed folds by the gap, using every point once', async () => {
    const seen: number[][] = [];
    const c = await calibrateStepScale(inputs(-4, seen));
    expect(c.gap).toBeCloseTo(-2, 6);
    expect(c.predicted).toBeCloseTo(-4, 6);
    expect(c.scale).toBeCloseTo(0.5, 6);
    expect(seen).toHaveLength(5);
    expect(seen.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: trainRows }, (_, i) => i));
  });

  it('falls back to 1 where the step moves nothing or the wrong way', async () => {
    expect((await calibrateStepScale(inputs(0, []))).scale).toBe(1);
    expect((await calibrateStepScale(inputs(+4, []))).scale).toBe(1);
  });
});
