// Messages shown to a user never carry an unbounded echo of their input: each line is cut to a readable length
// (a 100 KB argument echoed back is noise, and floods a terminal or a log).
export const MAX_MESSAGE_LINE = 300;

export function clipLine(line: string, max = MAX_MESSAGE_LINE): string {
  return line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line;
}

/** Every line cut to `max` characters. */
export function clipMessage(message: string, max = MAX_MESSAGE_LINE): string {
  return message
    .split('\n')
    .map((l) => clipLine(l, max))
    .join('\n');
}
