// One colour per direction and per event kind, used by every chart.
export const DIRECTION_COLORS: Record<string, string> = { 'US<CN': '#b4232a', 'CN<US': '#1f5fa8' };

export const EVENT_COLORS: Record<string, string> = {
  talks: '#6b7280',
  summit: '#6b7280',
  truce: '#15803d',
  agreement: '#15803d',
  ruling: '#7c3aed',
  threat: '#d97706',
  expiry: '#be185d',
  announcement: '#0e7490',
  statement: '#0e7490',
};

export const PALETTE = [
  '#b4232a',
  '#1f5fa8',
  '#d97706',
  '#15803d',
  '#7c3aed',
  '#0e7490',
  '#be185d',
  '#6b7280',
  '#a16207',
  '#4338ca',
];
