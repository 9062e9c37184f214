// Numbers and dates for people (Intl), in the browser's locale.
const locale = typeof navigator !== 'undefined' ? navigator.language : 'en-US';
const pct1 = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const usdShort = new Intl.NumberFormat(locale, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const usdFull = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
const dateLong = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateMonth = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });

/** 24.5 → "24.5 %" style per locale; null → "–". */
export const fmtPct = (x: number | null | undefined, precise = false) =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : `${(precise ? pct2 : pct1).format(x)}%`;
export const fmtPp = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${pct1.format(Math.abs(x))} pp`;
export const fmtUsd = (x: number) => usdShort.format(x);
/** Exact dollars and cents, for duty amounts. */
export const fmtMoney = (x: number) => usdFull.format(x);
export const fmtDate = (iso: string) => (iso ? dateLong.format(new Date(`${iso}T00:00:00Z`)) : '–');
export const fmtMonth = (iso: string) => dateMonth.format(new Date(`${iso}T00:00:00Z`));
export const todayIso = () => new Date().toISOString().slice(0, 10);
export const humanize = (s: string) => s.replace(/_/g, ' ');
export const countryName = (iso: string) => ({ US: 'United States', CN: 'China', both: 'Both sides' })[iso] ?? iso;
