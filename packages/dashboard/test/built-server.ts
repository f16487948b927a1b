// The built server for the dashboard's browser tests: scripts/built-server.mjs, shared with the
// benchmarks and the README's screenshots.
export { type BuiltServer, startBuiltServer } from '../../../scripts/built-server.mjs';
