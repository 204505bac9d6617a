// Bundles the extension client, the language server and the CLI with esbuild, and builds layerlint's native tree
// reader (native/). Native and WASM parsers stay external: they load their binaries from node_modules at run time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  // `npm run bench`; the `files` list of package.json keeps the bench bundles out of the packages.
  { entryPoints: ['bench/run.ts'], outfile: 'dist/bench.js' },
  // Two builds' engines side by side (see bench/compare.ts).
  { entryPoints: ['bench/compare.ts'], outfile: 'dist/bench-compare.js' },
];

await Promise.all(entries.map((entry) => build({ ...common, ...entry, minify: !watch })));

// The native tree reader is optional: without a C compiler the parser copies trees through the binding's cursor
// (slower, same result), so a failed build warns instead of stopping. npm hands its own node-gyp to the scripts it
// runs; run directly, this finds the node-gyp bundled with npm next to node.
function buildNativeReader() {
  const nodeGyp = process.env.npm_config_node_gyp ?? join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  // Node's own headers when this installation has them (Debian's nodejs, the official tarballs): no download.
  const installed = join(dirname(process.execPath), '..');
  const headers = process.env.npm_config_nodedir ?? (existsSync(join(installed, 'include', 'node', 'node_api.h')) ? installed : undefined);
  const gyp = (...args) => spawnSync(process.execPath, [nodeGyp, ...args, ...(headers ? [`--nodedir=${headers}`] : [])], { cwd: 'native', encoding: 'utf8' });
  const configured = existsSync(join('native', 'build', 'config.gypi'));
  const result = configured ? gyp('build') : gyp('rebuild');
  if (result.status !== 0) {
    const why = (result.error?.message ?? `${result.stderr}`.trim().split('\n').filter((line) => /error/i.test(line)).slice(-3).join('\n')) || `exit ${result.status}`;
    console.warn(`warning: layerlint's native tree reader did not build; trees will be copied through the cursor.\n${why}`);
  }
}

if (!watch) buildNativeReader();
