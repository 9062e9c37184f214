// The words the article reader recognises: actions, instruments, actors, product scope, places. Rule-based on
// purpose (offline, deterministic, explainable): every field of a statement comes from a match listed here.

export const ACTIONS = ['impose', 'threaten', 'suspend', 'extend', 'lift', 'agree', 'meet', 'investigate'] as const;
export type Action = (typeof ACTIONS)[number];

export const INSTRUMENTS = ['tariff', 'export control', 'entity listing', 'port fee', 'purchase', 'talks'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Instrument words, most specific first. */
export const INSTRUMENT_WORDS: Array<[Instrument, RegExp]> = [
  [
    'entity listing',
    /\b(black ?list(ed|s)?|entity list(ing)?s?|unreliable entit(y|ies)|(added|adds|adding) [^.]{0,60}\b(firms|companies|entities) to)\b/i,
  ],
  ['port fee', /\b(port|ship(ping)?|docking|vessel) (fees?|charges?)\b/i],
  [
    'export control',
    /\b(export (controls?|curbs?|restrictions?|bans?|licen[cs](es|ing))|(controls?|curbs?|restrictions?) on (the )?(export|rare[- ]earth|critical mineral|technolog)\w*|rare[- ]earth (controls?|curbs?|restrictions?)|technology (export )?(curbs?|controls?))\b/i,
  ],
  [
    'tariff',
    /\b(tariffs?|duties|duty|levies|levy|surcharges?|section 301)\b(?! (truce|war|tensions?|dispute|fight|battle))/i,
  ],
  ['purchase', /\b(purchases?|purchasing|buy(ing|s)?|bought|soybeans?)\b/i],
  [
    'talks',
    /\b(talks|meetings?|meet|summit|dialogue|negotiations?|negotiators?|discussions?|discussed|truce|ceasefire)\b/i,
  ],
];

/** Action words; conditional or future wording turns an impose into a threaten. */
export const ACTION_WORDS: Array<[Action, RegExp]> = [
  ['investigate', /\b(investigations?|investigating|investigate|probes?|review(ing)?)\b/i],
  [
    'threaten',
    /\b(threat(en(s|ed|ing)?)?|warn(s|ed|ing)?|vow(s|ed)?|declared|(could|will|would) (impose|return|escalate)|explor(e|es|ing)|consider(s|ing)?|weigh(s|ing)?)\b/i,
  ],
  ['suspend', /\b(suspend(s|ed|ing)?|suspension|paus(e|ed|es|ing)|defer(red|s)?|postpon(e|ed|es))\b/i],
  ['extend', /\b(extend(s|ed|ing)?|extension|prolong(ed)?)\b/i],
  [
    'lift',
    /\b(lift(s|ed|ing)?|remov(e|es|ed|ing)|eas(e|es|ed|ing)|cut(s|ting)?|reduc(e|es|ed|tions?)|roll(ed)? back|relief|scrap(ped)?|drop(ped)?)\b/i,
  ],
  ['agree', /\b(agree(s|d|ment)?|deal|consensus|truce|ceasefire|arrangement|pact)\b/i],
  [
    'impose',
    /\b(impos(e|es|ed|ing|ition)|slap(ped|s)?|levie[sd]|announc(e|ed|es|ing)|put curbs|tighten(ed|ing|s)?|expand(ed|s|ing)?|restrict(ed|s|ing)?|add(ed|s)?|retaliat(ed|es|ing|ion)|hit|raise[sd]?|introduc(e|ed))\b/i,
  ],
  ['meet', /\b(meet(s|ing)?|met|talks|summit|held|hold(s|ing)?|discuss(ed|es|ing)?|dialogue|negotiat(e|ed|ions?))\b/i],
];

/** Words that make a statement conditional or prospective. */
export const CONDITIONAL =
  /\b(if|unless|could|would|may|might|likely|expected|potential(ly)?|possible|planned|set to|will)\b/i;

export interface ActorWord {
  side: 'US' | 'CN' | 'both';
  re: RegExp;
}

/** Actor mentions. Adjectives naming the target ("Chinese goods", "US soybeans") are not actors. */
export const ACTOR_WORDS: ActorWord[] = [
  {
    side: 'both',
    re: /\b(both (countries|sides)|(the )?two sides|(the )?US and China|China and (the )?US|Washington and Beijing|Beijing and Washington|(from|of) both countries)\b/i,
  },
  {
    side: 'US',
    re: /\b(Trump|Washington|the (US|U\.S\.|United States)|US (administration|delegation|Treasury|President)|White House|USTR|Bessent|Greer|Commerce Department|American (officials|side))\b/i,
  },
  {
    side: 'CN',
    re: /\b(Beijing|China|Chinese (side|government|officials|President|negotiators?)|Xi( Jinping)?|Jinping|He Lifeng|Li Chenggang|MOFCOM|Ministry of Commerce)\b/i,
  },
];

export const PRODUCT_WORDS: Array<[string, RegExp]> = [
  ['rare earths', /\brare[- ]earths?\b/i],
  ['magnets', /\bmagnets?\b/i],
  ['critical minerals', /\b(critical )?minerals\b/i],
  ['soybeans', /\bsoybeans?\b/i],
  ['agricultural products', /\bagricultur(e|al)\b/i],
  ['energy', /\benergy\b/i],
  ['manufactured goods', /\bmanufactured\b/i],
  ['semiconductors', /\b(semiconductors?|chips?)\b/i],
  ['software', /\bsoftware\b/i],
  ['technology', /\btechnolog(y|ies)\b/i],
  ['fentanyl', /\bfentanyl\b/i],
  ['all Chinese goods', /\b(Chinese goods|goods from China|Chinese imports|imports from China)\b/i],
  ['jet engines', /\bjet engines?\b/i],
  ['laptops', /\blaptops?\b/i],
];

export const COUNTRY_WORDS: Array<[string, RegExp]> = [
  ['US', /\b(US|U\.S\.|United States|America|American|Washington|Trump)\b/],
  ['CN', /\b(China|Chinese|Beijing|Xi)\b/],
  ['MY', /\b(Malaysia|Malaysian|Kuala Lumpur)\b/],
  ['KR', /\b(South Korea|Korea|Busan|Gyeongju)\b/],
  ['IN', /\b(India|New Delhi|Modi)\b/],
  ['RU', /\b(Russia|Putin)\b/],
  ['TW', /\bTaiwan\b/],
];

/** Topic words that tie a statement to a ledger record (matched in both the sentence and the record's text). */
export const TOPICS: Array<[string, RegExp]> = [
  ['rare earth', /rare[- ]earth|magnet/i],
  ['fentanyl', /fentanyl/i],
  ['soybean', /soybean|soy\b|farm purchases/i],
  ['phase one', /phase[- ]one|agricultural, energy,? and manufactured|\$?200 ?(bn|billion)/i],
  ['kuala lumpur', /kuala lumpur|malaysia/i],
  [
    'busan',
    /busan|south korea|gyeongju|apec|trump[-–— ]xi|xi[-–— ]trump|trump and xi|xi and trump|xi meeting|meeting with xi|leaders'? (meeting|summit)|two leaders/i,
  ],
  ['geneva', /geneva/i],
  ['blacklist', /black ?list|entity list|affiliates|50% rule|subsidiar/i],
  ['hundred percent', /\b100 ?(%|percent)|triple-digit/i],
  ['software', /critical software|software/i],
  ['port fees', /port fee|ship fee|vessel/i],
  ['truce', /truce|ceasefire|suspension of/i],
  ['extraterritorial', /extraterritorial|other countries from export|foreign items|third countr/i],
  ['london', /london/i],
  ['section 301', /section 301|s\.? ?301|301 (probe|investigation)/i],
  ['reciprocal', /reciprocal/i],
  ['chips', /\bchips?\b|semiconductor/i],
];
