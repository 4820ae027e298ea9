import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { accuracyGap, COLUMNS, formatCell, rowsToCsv, type SummaryRow } from './summary-table';

describe('average gap to Retrain', () => {
  test('is the mean over forget, retain and validation of |mean accuracy − Retrain’s|', () => {
    const method = { forget: [0.6, 0.8], retain: [0.9], validation: [0.5, 0.5] }; // means 0.7, 0.9, 0.5
    const retrain = { forget: [0.5], retain: [0.95, 0.95], validation: [0.6] }; // 0.5, 0.95, 0.6
    expect(accuracyGap(method, retrain)).toBeCloseTo((0.2 + 0.05 + 0.1) / 3, 12);
    expect(accuracyGap(retrain, retrain)).toBe(0);
  });

  test('is missing, not zero, when a group has no accuracies', () => {
    expect(accuracyGap({ forget: [], retain: [0.9], validation: [0.5] }, { forget: [0.5], retain: [0.9], validation: [0.5] })).toBeNull();
    expect(accuracyGap(undefined, { forget: [0.5], retain: [0.9], validation: [0.5] })).toBeNull();
  });

  test('prints as a percentage in the table, CSV key gapToRetrain', () => {
    const column = COLUMNS.find((c) => c.key === 'gapToRetrain')!;
    expect(column.header).toBe('Avg. gap to Retrain');
    expect(formatCell(column, { gapToRetrain: 0.0123, status: 'ok' } as never)).toBe('1.2%');
  });
});

describe('the CSV export', () => {
  const empty = Object.fromEntries(COLUMNS.map((c) => [c.key, null])) as unknown as SummaryRow;
  test('has one header of column keys, quotes text safely, and leaves missing numbers empty', () => {
    const rows = [
      { ...empty, method: 'DMM, "group-newton"', status: 'ok', klomForgetP95: 4.25, forgetAcc: Number.NaN },
      { ...empty, method: 'Retrain', status: 'reference', klomForgetP95: 3.5 },
    ];
    const csv = rowsToCsv(rows);
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(COLUMNS.map((c) => c.key));
    expect(parsed.data.map((r) => r.method)).toEqual(['DMM, "group-newton"', 'Retrain']);
    expect(parsed.data[0].klomForgetP95).toBe('4.25');
    expect(parsed.data[0].forgetAcc).toBe('');
    expect(csv).not.toMatch(/NaN|null/);
    expect(csv.endsWith('\n')).toBe(true);
  });
});
