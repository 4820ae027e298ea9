/**
 * The share link in the address bar: restores the experiment, hidden controls and lesson
 * step from `?x=` at start-up (through share-link.ts's one restore/validate step), then
 * keeps `?x=` equal to the page's state with a debounced history.replaceState. The other
 * parameter (`backend`) stays url.ts's.
 */
import { useExperimentStore } from './experiment-store';
import { decodeShared, DEFAULT_SHARED, encodeShared, SHARE_PARAM, type SharedState } from './share-link';
import { SYNTHETIC_SIZES } from './settings';
import { requireDataset } from './dataset-requirement';
import { pushMessage, useLab } from './store';

const WRITE_DELAY_MS = 250;

function current(): SharedState {
  const { experiment, hidden, lesson } = useExperimentStore.getState();
  return { experiment, hidden, lesson };
}

function isDefault(s: SharedState): boolean {
  return s.hidden.length === 0 && s.lesson == null && JSON.stringify(s.experiment) === JSON.stringify(DEFAULT_SHARED.experiment);
}

/** The link to the page as it is now (what "Copy link" copies). */
export function shareUrl(): string {
  const url = new URL(window.location.href);
  const s = current();
  if (isDefault(s)) url.searchParams.delete(SHARE_PARAM);
  else url.searchParams.set(SHARE_PARAM, encodeShared(s));
  return url.href;
}

let started = false;

/** Reads `?x=` once and starts mirroring the state into the URL. Returns the stop function. */
export function startShareLink(search = window.location.search): () => void {
  if (started) return () => undefined;
  started = true;
  const param = new URLSearchParams(search).get(SHARE_PARAM);
  if (param != null) {
    const { state, problems, broken } = decodeShared(param);
    useExperimentStore.setState({ experiment: state.experiment, hidden: state.hidden, lesson: state.lesson });
    // The link's embedded dataset size is what startLab loads first (real datasets are chosen by the user).
    const d = state.experiment.dataset;
    if (d.id === 'synthetic' && (SYNTHETIC_SIZES as readonly number[]).includes(d.trainSize)) useLab.setState({ syntheticSize: d.trainSize });
    // Run waits for the link's dataset (dataset-requirement.ts); met once, the requirement is gone.
    if (!broken) requireDataset(d);
    if (problems.length) {
      pushMessage({
        topic: 'setup',
        tone: broken ? 'error' : 'warning',
        title: broken ? 'This link could not be opened' : 'Parts of this link were repaired',
        text: problems.join(' '),
      });
    }
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const href = shareUrl();
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
  };
  // A repaired or broken link is rewritten at once, so reloading does not show the message again.
  if (param != null) write();
  const stop = useExperimentStore.subscribe(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
    started = false;
  };
}
