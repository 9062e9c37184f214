// Entry point of the `tradewar` command line.
import { runCli } from './program.js';

runCli(process.argv).then((code) => {
  process.exitCode = code;
});
