// Starts a Node pool worker from the TypeScript sources: worker threads do not inherit the
// parent's tsx loader in Node 20, so this registers it in the thread, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.node.ts');
