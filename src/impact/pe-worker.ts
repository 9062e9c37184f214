// Worker thread: runs a slice of Monte Carlo draws of the PE model and posts the aggregate vectors back.
import { parentPort, workerData } from 'node:worker_threads';
import { runDraws, type PeProblem } from './pe-draws.js';

const { problem, seed, from, to } = workerData as { problem: PeProblem; seed: number; from: number; to: number };
const result = runDraws(problem, seed, from, to);
parentPort!.postMessage(result, [result.buffer as ArrayBuffer]);
