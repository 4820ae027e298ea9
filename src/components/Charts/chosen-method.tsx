/**
 * The method a per-method chart shows: the user's pick, else the best-ranked method that
 * has what the chart needs (`has`), never Retrain or Do nothing (the references beside it).
 */
import { useState } from 'react';
import type { ExperimentResults, MethodResult } from '../../../workers/entry/lab-api';
import { verdictOf } from '../../../workers/engine/experiment/verdict';
import { shortName } from './palette';
import styles from './Charts.module.css';

export function useChosenMethod(results: ExperimentResults | null, has: (m: MethodResult) => boolean) {
  const ranks = results ? verdictOf(results).methods.map((v) => v.rank ?? Infinity) : [];
  const candidates = (results?.methods ?? [])
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => has(m) && m.id !== 'retrain' && m.id !== 'none')
    .sort((a, b) => ranks[a.i] - ranks[b.i] || a.i - b.i);
  const [picked, setPicked] = useState<number | null>(null);
  const chosen = candidates.find((c) => c.i === picked) ?? candidates[0] ?? null;
  const select = (
    <select aria-label="Method" className={styles.small} value={chosen?.i ?? ''} onChange={(e) => setPicked(Number(e.target.value))} disabled={candidates.length === 0}>
      {candidates.map(({ m, i }) => (
        <option key={i} value={i}>
          {shortName(m.id)}
        </option>
      ))}
    </select>
  );
  return { chosen: chosen?.m ?? null, select };
}
