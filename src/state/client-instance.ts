/**
 * The page's two LabClients, each created on first use and wired to the store:
 *
 * - the run lane (`labClient`): training, experiments, computing datamodels. Its backend
 *   reports update the badge; cancel() stops it.
 * - the interactive lane (`interactiveClient`): forget rules, the pool map, the instant
 *   preview and imported datamodels, in a worker of its own, so a click never waits behind
 *   a run of minutes, and cancelling a run keeps the preview. It uses the backend the run
 *   lane chose (the same fixed features, so the set shown is the set a run resolves) and
 *   the dataset the page loaded there.
 *
 * Crashes and GPU losses of either become messages.
 */
import type { BackendPreference } from '../../workers/entry/lab-api';
import { LabClient } from '../worker-client/client';
import { reportError } from './messages';
import { useLab } from './store';

let client: LabClient | null = null;
let interactive: LabClient | null = null;

function workerNamed(name: string): () => Worker {
  return () => new Worker(new URL('../../workers/entry/lab.worker.ts', import.meta.url), { type: 'module', name });
}

export function labClient(): LabClient {
  client ??= new LabClient(workerNamed('lab-engine'), {
    onBackend: (report) => {
      useLab.setState({ backend: { status: 'ready', report } });
      interactiveClient().followBackend(report.active satisfies BackendPreference);
    },
    onCrash: (error) => reportError(error),
    // A run in flight reports the loss itself, as its outcome; only an idle loss needs a message here.
    onBackendLost: (event) => {
      if (useLab.getState().run.status !== 'running') {
        reportError({ kind: 'backend-lost', message: `${event.message} (${event.backend}, ${event.reason}).` });
      }
    },
    onWorkerStarted: (generation) => useLab.setState({ workerGeneration: generation }),
  });
  return client;
}

export function interactiveClient(): LabClient {
  interactive ??= new LabClient(
    workerNamed('lab-interactive'),
    {
      onCrash: (error) => reportError({ ...error, message: `The forget-set preview's worker: ${error.message}` }),
      onBackendLost: (event) => reportError({ kind: 'backend-lost', message: `The forget-set preview's worker: ${event.message} (${event.backend}, ${event.reason}).` }),
      onWorkerStarted: (generation) => useLab.setState({ interactiveGeneration: generation }),
    },
    { followsBackend: true },
  );
  return interactive;
}
