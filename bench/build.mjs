// Bundles the benchmark like the rest of layerlint (scripts/build.mjs), so it measures the same compiled engine.
import { build } from 'esbuild';

await build({
  entryPoints: ['bench/run.ts'],
  outfile: 'dist/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode', 'tree-sitter', 'tree-sitter-python', 'web-tree-sitter'],
});
