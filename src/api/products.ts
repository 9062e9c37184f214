// The product search behind /api/products lives in src/search (a full-text index built once at start).
export { ProductIndex, type NormalisedQuery } from '../search/product-index.js';
export type { ProductHit } from '../contract/answers.js';
