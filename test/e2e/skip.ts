// Shared between the browser tests and the reporter that announces their skip.
export const BROWSER_SKIP_PREFIX = 'browser tests skipped: ';
