import { describe, expect, it } from 'vitest';
import { fitMatchingToBudget } from './budget';

const recipe = { epochs: 4, forgetMultiplier: 6, retainMultiplier: 1 };

describe('DMM budget', () => {
  it('leaves a recipe that fits alone', () => {
    // 4 × (6·100 + 100) = 2800 examples ≤ 5% of 15 × 4900 = 3675
    expect(fitMatchingToBudget(recipe, 100, 4900, 15 * 4900, 0.05)).toEqual({ epochs: 4, forgetMultiplier: 6, note: null });
  });

  it('cuts the copies of F first', () => {
    // budget 0.1 × 15 × 4500 = 6750; 6750 / 4 − 500 = 1187 → 2 copies: 4 × 1500 = 6000
    const fit = fitMatchingToBudget(recipe, 500, 4500, 15 * 4500, 0.1);
    expect(fit).toMatchObject({ epochs: 4, forgetMultiplier: 2 });
    expect(4 * (fit.forgetMultiplier * 500 + 500)).toBeLessThanOrEqual(6750);
    expect(fit.note).toMatch(/2× over 4 epochs instead of 6× over 4/);
  });

  it('then the epochs, and stays within the budget', () => {
    // budget 0.05 × 15 × 4585 = 3439: one copy costs 1000 per epoch → 3 epochs
    const fit = fitMatchingToBudget(recipe, 500, 4585, 15 * 4585, 0.05);
    expect(fit).toMatchObject({ epochs: 3, forgetMultiplier: 1 });
    expect(fit.note).not.toMatch(/too large/);
  });

  it('runs one epoch of one copy when even that is over, and says so', () => {
    const fit = fitMatchingToBudget(recipe, 2500, 2500, 15 * 2500, 0.05);
    expect(fit).toMatchObject({ epochs: 1, forgetMultiplier: 1 });
    expect(fit.note).toMatch(/too large for the budget/);
  });

  it('counts the retain sample as it is drawn: capped at |R|', () => {
    // retain sample min(50, 1·100) = 50: 4 × (6·100 + 50) = 2600 fits a budget of 2600
    expect(fitMatchingToBudget(recipe, 100, 50, 26000, 0.1).note).toBeNull();
  });
});
