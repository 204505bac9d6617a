// `layerlint`: the entry point that bin/layerlint.js loads from the bundle (dist/cli.js). The commands live in cli/.
import { main } from './cli/main';

export { main };

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
