// The 21 sections of the Harmonized System, by chapter range (WCO nomenclature; chapter 77 is reserved).
export interface HsSection {
  id: string;
  title: string;
  from: number;
  to: number;
}

export const HS_SECTIONS: readonly HsSection[] = [
  { id: 'I', title: 'Live animals; animal products', from: 1, to: 5 },
  { id: 'II', title: 'Vegetable products', from: 6, to: 14 },
  { id: 'III', title: 'Animal or vegetable fats and oils', from: 15, to: 15 },
  { id: 'IV', title: 'Prepared foodstuffs; beverages; tobacco', from: 16, to: 24 },
  { id: 'V', title: 'Mineral products', from: 25, to: 27 },
  { id: 'VI', title: 'Chemical products', from: 28, to: 38 },
  { id: 'VII', title: 'Plastics and rubber', from: 39, to: 40 },
  { id: 'VIII', title: 'Hides, skins, leather, handbags', from: 41, to: 43 },
  { id: 'IX', title: 'Wood, cork, basketware', from: 44, to: 46 },
  { id: 'X', title: 'Pulp, paper, printed matter', from: 47, to: 49 },
  { id: 'XI', title: 'Textiles and apparel', from: 50, to: 63 },
  { id: 'XII', title: 'Footwear, headgear, umbrellas', from: 64, to: 67 },
  { id: 'XIII', title: 'Stone, ceramic, glass', from: 68, to: 70 },
  { id: 'XIV', title: 'Pearls, precious stones and metals', from: 71, to: 71 },
  { id: 'XV', title: 'Base metals and articles', from: 72, to: 83 },
  { id: 'XVI', title: 'Machinery and electrical equipment', from: 84, to: 85 },
  { id: 'XVII', title: 'Vehicles, aircraft, vessels', from: 86, to: 89 },
  { id: 'XVIII', title: 'Optical, medical, precision instruments; clocks', from: 90, to: 92 },
  { id: 'XIX', title: 'Arms and ammunition', from: 93, to: 93 },
  { id: 'XX', title: 'Miscellaneous manufactured articles', from: 94, to: 96 },
  { id: 'XXI', title: 'Works of art, antiques', from: 97, to: 99 },
];

const byChapter: HsSection[] = [];
for (const s of HS_SECTIONS) for (let c = s.from; c <= s.to; c++) byChapter[c] = s;

export function sectionOf(code: string): HsSection | undefined {
  return byChapter[Number(code.slice(0, 2))];
}
