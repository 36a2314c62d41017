// An esbuild plugin for the client bundles: the AWS SDK's XML response parser
// becomes ours (src/clients/xmlParser.ts, same contract, scans with indexOf
// instead of one character at a time).
// The SDK keeps its parser in a module of its own, ./xml-parser of
// @aws-sdk/xml-builder's ES build, and swaps that module for browsers the
// same way (its package.json "browser" field). Node bundles would take the
// package's single-file CommonJS build, so the plugin points them at the ES
// build and its ./xml-parser at ours; the XML writer stays the SDK's.
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const esBuild = require.resolve('@aws-sdk/xml-builder/dist-es/index.js');
const esBuildDir = dirname(esBuild) + sep;
export const ourParser = fileURLToPath(new URL('../src/clients/xmlParser.ts', import.meta.url));

/** @type {import('esbuild').Plugin} */
export const sdkXmlParser = {
  name: 'sdk-xml-parser',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/xml-builder$/ }, () => ({ path: esBuild }));
    build.onResolve({ filter: /^\.\/xml-parser$/ }, (args) => (args.importer.startsWith(esBuildDir) ? { path: ourParser } : undefined));
  },
};
