// Errors a user can fix (bad input, broken ledger, bad overlay): the CLI prints the message and exits 2,
// the API answers 400. Anything else is a runtime error (exit 1, HTTP 500) with no stack trace shown.
export class UserInputError extends Error {
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'UserInputError';
    this.field = field;
  }
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface LedgerIssue extends SourcePosition {
  message: string;
}

/** Problems listed in a LedgerError's message (all of them stay in `issues`): the first ones are enough to act on. */
export const MAX_ISSUES_SHOWN = 20;

/** One or more problems found in ledger or scenario files, each with file:line:column. */
export class LedgerError extends UserInputError {
  readonly issues: LedgerIssue[];
  constructor(issues: LedgerIssue[]) {
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).map(formatIssue);
    if (issues.length > MAX_ISSUES_SHOWN) shown.push(`… and ${issues.length - MAX_ISSUES_SHOWN} more problems`);
    super(shown.join('\n'));
    this.name = 'LedgerError';
    this.issues = issues;
  }
}

export function formatIssue(issue: LedgerIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}
