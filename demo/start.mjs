// `pnpm start`: the real server on the embedded PGlite database (in .data/pglite), seeded with
// the demo widgets, so the example page at http://localhost:3000/ shows a live widget.
process.env.CALLBELL_DEMO ??= 'true';
// A URL, not a literal specifier: the built bundle is run, not type-checked.
await import(new URL('../packages/server/dist/server.js', import.meta.url).href);
