// Entry point of dist/clients/pgquery.js: PostgreSQL's own parser, compiled
// to WebAssembly (libpg-query), loaded by the first SQL a plan reads. Its
// libpg-query.wasm ships beside this bundle (scripts/bundles.mjs).
export { loadModule, parseSync } from 'libpg-query';
