// Entry point of the `tradewar` command line (bin/tradewar.js runs the compiled dist/cli/main.js).
import { runCli } from './program.js';

// A reader that stops early (`tradewar panel … | head`) closes the pipe: end quietly with status 0.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });

runCli(process.argv).then((code) => {
  process.exitCode = code;
});
