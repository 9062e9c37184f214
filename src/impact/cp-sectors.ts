// HS → Caliendo–Parro tradable sector (ISIC rev.3 groups), for feeding the engine's tariffs to the multi-sector
// model. The mapping is this project's own, written from the sector definitions (ISIC rev.3 divisions named in the
// comments) by HS chapter, with heading-level exceptions where a chapter splits across sectors. It is approximate:
// a chapter's headings go where most of their trade belongs (e.g. all of chapter 84 but 8469–8473 is machinery,
// tobacco leaf goes with manufactured tobacco to food), not through an official HS–ISIC concordance, which the
// mirror does not hold.

/** Index into CP_SECTORS (0–19) by HS chapter; overridden by HEADINGS. */
const CHAPTERS: Record<number, number> = {};
const put = (sector: number, chapters: number[]) => {
  for (const c of chapters) CHAPTERS[c] = sector;
};
// 0 Agriculture, hunting, forestry, fishing (ISIC 01–05): live animals, fish, plants, vegetables, fruit, coffee
//   and spices, cereals, oil seeds, lacs, plaiting materials
put(0, [1, 3, 6, 7, 8, 9, 10, 12, 13, 14]);
// 1 Mining and quarrying (ISIC 10–14): salt, stone, earths; ores; coal, crude oil and gas (headings below)
put(1, [25, 26]);
// 2 Food, beverages, tobacco (ISIC 15–16)
put(2, [2, 4, 5, 11, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
// 3 Textiles, apparel, leather, footwear (ISIC 17–19): hides and leather, furs, fibres to made-up articles,
//   footwear, headgear, umbrellas, feathers
put(3, [41, 42, 43, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67]);
// 4 Wood and products of wood and cork (ISIC 20)
put(4, [44, 45, 46]);
// 5 Pulp, paper, printing and publishing (ISIC 21–22)
put(5, [47, 48, 49]);
// 6 Coke, refined petroleum, nuclear fuel (ISIC 23): chapter 27's refined products (headings below)
put(6, [27]);
// 7 Chemicals (ISIC 24)
put(7, [28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38]);
// 8 Rubber and plastics (ISIC 25)
put(8, [39, 40]);
// 9 Other non-metallic mineral products (ISIC 26): stone articles, ceramics, glass
put(9, [68, 69, 70]);
// 10 Basic metals (ISIC 27): iron and steel, precious and non-ferrous metals in basic forms
put(10, [71, 72, 74, 75, 76, 78, 79, 80, 81]);
// 11 Fabricated metal products (ISIC 28)
put(11, [73, 82, 83]);
// 12 Machinery n.e.c. (ISIC 29)
put(12, [84]);
// 14 Electrical machinery n.e.c. (ISIC 31)
put(14, [85]);
// 16 Medical, precision and optical instruments, watches (ISIC 33)
put(16, [90, 91]);
// 17 Motor vehicles, trailers (ISIC 34)
put(17, [87]);
// 18 Other transport equipment (ISIC 35): railway, aircraft, ships
put(18, [86, 88, 89]);
// 19 Manufacturing n.e.c. (ISIC 36–37): musical instruments, arms, furniture, toys, miscellaneous, art
put(19, [92, 93, 94, 95, 96, 97]);

/** HS4 headings that leave their chapter's sector. */
const HEADINGS: Array<[from: number, to: number, sector: number]> = [
  [2701, 2703, 1], // coal, lignite, peat: mining
  [2709, 2709, 1], // crude petroleum: mining
  [2711, 2711, 1], // petroleum gases: mining (natural gas)
  [2401, 2401, 2], // tobacco leaf: with tobacco manufactures (approximation)
  [4001, 4001, 8], // natural rubber: with rubber products (approximation)
  [7101, 7104, 9], // pearls and stones: non-metallic minerals (approximation)
  [7113, 7118, 19], // jewellery, imitation jewellery, coin: manufacturing n.e.c.
  [7601, 7607, 10], // aluminium in basic forms
  [7608, 7616, 11], // aluminium articles: fabricated metal
  [7401, 7410, 10], // copper in basic forms
  [7411, 7419, 11], // copper articles
  [8469, 8473, 13], // office machines, computers and parts: office, accounting, computing (ISIC 30)
  [8517, 8529, 15], // telephones, sound and TV apparatus, parts: radio, TV, communication (ISIC 32)
  [8540, 8542, 15], // valves, tubes, semiconductors, integrated circuits: communication equipment (ISIC 32)
  [8711, 8714, 18], // motorcycles, bicycles, invalid carriages, parts: other transport (ISIC 35)
];

/** The CP tradable sector (0–19) of an HS code (any length ≥ 4 digits), or undefined (chapters 98–99, unknown). */
export function cpSectorOfHs(code: string): number | undefined {
  const chapter = Number(code.slice(0, 2));
  const heading = Number(code.slice(0, 4));
  if (!Number.isInteger(chapter)) return undefined;
  for (const [from, to, sector] of HEADINGS) if (heading >= from && heading <= to) return sector;
  return CHAPTERS[chapter];
}
