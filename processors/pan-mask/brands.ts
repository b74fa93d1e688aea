/**
 * Card brands by IIN (issuer identification number) range and length.
 *
 * @module
 */

/** The brands `pan-mask` tells apart, in the order of their index. */
export const BRANDS = [
  'visa',
  'mastercard',
  'amex',
  'discover',
  'jcb',
  'unionpay',
  'diners',
  'maestro',
] as const;

/** A brand name. */
export type Brand = (typeof BRANDS)[number];

/** Index of the bucket for a Luhn-valid number of no known brand (or a length its brand never uses). */
export const OTHER = BRANDS.length;

/** Names of every count bucket: the brands, then `other`. */
export const BUCKETS: readonly string[] = [...BRANDS, 'other'];

/**
 * The brand index of a number from its first six digits (`iin`, as an integer) and its length;
 * {@link OTHER} when no brand issues that prefix at that length. Ranges that overlap (Discover's
 * co-branded 622126-622925 inside UnionPay's 62) go to the more specific one.
 */
export function brandOf(iin: number, length: number): number {
  const d2 = Math.floor(iin / 10_000);
  const d3 = Math.floor(iin / 1000);
  const d4 = Math.floor(iin / 100);
  if (d2 === 34 || d2 === 37) return length === 15 ? 2 : OTHER;
  if (d2 >= 40 && d2 <= 49) return length === 13 || length === 16 || length === 19 ? 0 : OTHER;
  if ((d2 >= 51 && d2 <= 55) || (d4 >= 2221 && d4 <= 2720)) return length === 16 ? 1 : OTHER;
  if (d4 === 6011 || (d3 >= 644 && d3 <= 649) || d2 === 65 || (iin >= 622126 && iin <= 622925)) {
    return length >= 16 ? 3 : OTHER;
  }
  if (d2 === 62 || d2 === 81) return length >= 16 ? 5 : OTHER;
  if (d4 >= 3528 && d4 <= 3589) return length >= 16 ? 4 : OTHER;
  if ((d3 >= 300 && d3 <= 305) || d4 === 3095 || d2 === 36 || d2 === 38 || d2 === 39) {
    return length >= 14 ? 6 : OTHER;
  }
  if (d2 === 50 || (d2 >= 56 && d2 <= 69)) return length >= 12 ? 7 : OTHER;
  return OTHER;
}
