// comlink ships its Node adapter without types; it wraps a worker_threads port as an Endpoint.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export default function nodeEndpoint(port: unknown): Endpoint;
}
