// Bundles the extension client, the language server and the CLI with esbuild.
// Native and WASM parsers stay external: they load their binaries from node_modules at run time.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode', 'tree-sitter', 'tree-sitter-python', 'web-tree-sitter'],
  // Prefer ES module builds: some packages' UMD builds (jsonc-parser) load their parts with requires esbuild cannot follow.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js' },
  // `npm run bench`; .vscodeignore keeps it out of the extension package.
  { entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js' },
];

await Promise.all(entries.map((entry) => build({ ...common, ...entry, minify: !watch })));
