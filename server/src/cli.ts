// `layerlint`: the entry point that bin/layerlint.js loads from the bundle (dist/cli.js). The commands live in cli/.
import { main } from './cli/main';
import { tuneHeapForAnalysis } from './heap';

export { main };

// On load: bin/layerlint.js requires this bundle and calls `main` itself.
tuneHeapForAnalysis();

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`layerlint: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
