/**
 * The page's single LabClient, created on first use and wired to the store: backend
 * reports update the badge, crashes and GPU losses become messages.
 */
import { LabClient } from '../worker-client/client';
import { reportError } from './messages';
import { useLab } from './store';

let client: LabClient | null = null;

function createWorker(): Worker {
  return new Worker(new URL('../../workers/entry/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab-engine' });
}

export function labClient(): LabClient {
  client ??= new LabClient(createWorker, {
    onBackend: (report) => useLab.setState({ backend: { status: 'ready', report } }),
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
