// `pnpm start`: the real server on the embedded PGlite database (in .data/pglite), seeded with
// the demo widgets, so the example page at http://localhost:3000/ shows a live widget.
process.env.CALLBELL_DEMO ??= 'true';
// The demo billing provider signs its events for the real webhook: without a Stripe key it needs
// a signing secret of its own (any whsec_ value; this one is public and only for local runs).
process.env.STRIPE_WEBHOOK_SECRET ||= 'whsec_callbell_demo_local_only';
// A URL, not a literal specifier: the built bundle is run, not type-checked.
await import(new URL('../packages/server/dist/server.js', import.meta.url).href);
