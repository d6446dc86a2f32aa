/**
 * Mean, sample variance and standard deviation that are exact and the same on every run.
 *
 * Floating sums depend on the order in which parallel threads merge their partial sums (and a table
 * loaded without insertion order has no fixed row order), so their last digits varied between runs.
 * Instead every value becomes an integer t with value = t · 2^-k, DuckDB sums t and t² exactly as
 * integers (integer addition is associative: any order gives the same sums), and the moments are
 * formed from those sums with BigInt and rounded to a double once (exactDouble.ts):
 *   mean = Σt·2^-k / n,  variance = (nΣt² − (Σt)²)·2^-2k / (n(n − 1)).
 *
 * t may be wider than 64 bits (a float column of values from 1e-10 to 1 needs about 85), so it is
 * cut into limbs of 31 bits, t = Σ limb_i · 2^(31i): each limb and each product of two limbs fits a
 * BIGINT, whose sums DuckDB keeps in HUGEINT without overflow. Integers are t itself (k = 0). A float
 * column gets the k that makes every value an integer, from its largest and smallest non-zero
 * magnitudes; when that needs more than MAX_LIMBS limbs (magnitudes spanning more than about 2^69),
 * values are rounded to multiples of 2^-k — still deterministic — and the result is flagged inexact
 * only if some value actually was rounded.
 */
import { ratioToDouble, sqrtRatioToDouble } from './exactDouble.js';

const LIMB_BITS = 31;
const MAX_LIMBS = 4;
/** Bits of a double's significand: a value x with 2^e ≤ |x| is a multiple of 2^(e − 52). */
const SIGNIFICAND_BITS = 52;
/** |t| up to this has t² within BIGINT: one limb that is t itself, the common case of integer columns. */
const SQUARE_FITS_BIGINT = 3_037_000_499;

export interface MomentPlan {
  /** SQL of the limbs, lowest first (BIGINT). */
  limbs: string[];
  /** SQL aggregate: true when no value was rounded. */
  exact: string;
  /** k: a value is t · 2^-k. */
  exponent: number;
}

export interface Moments { mean: number | null; variance: number | null; standardDeviation: number | null; exact: boolean }

/** First-scan aggregate for a float column: the smallest non-zero magnitude, which fixes k. */
export function smallestMagnitudeSql(value: string): string {
  return `min(abs(${value})) FILTER (WHERE ${value} <> 0)`;
}

/** x · 2^k as SQL, in two factors when 2^k alone would overflow (k reaches about 1130 for subnormals). */
function timesPowerOfTwo(value: string, exponent: number): string {
  const first = Math.max(-1000, Math.min(1000, exponent));
  const rest = exponent - first;
  return rest === 0 ? `(${value} * 2^(${first}))` : `(${value} * 2^(${first}) * 2^(${rest}))`;
}

function limbCount(bits: number): number {
  return Math.max(1, Math.ceil(bits / LIMB_BITS));
}

/** `count` limbs of a BIGINT by shifts and masks (cheaper than DOUBLE arithmetic); the top limb keeps the sign. */
function integerLimbs(d: string, count: number): string[] {
  const mask = 2 ** LIMB_BITS - 1;
  return Array.from({ length: count }, (_, i) => {
    const shifted = i === 0 ? d : `(${d} >> ${LIMB_BITS * i})`;
    return i === count - 1 ? shifted : `(${shifted} & ${mask})`;
  });
}

/** Integer columns (and booleans): t is the value. */
export function integerPlan(value: string, magnitude: number): MomentPlan {
  const d = `CAST(${value} AS BIGINT)`;
  if (magnitude <= SQUARE_FITS_BIGINT) return { limbs: [d], exact: 'true', exponent: 0 };
  return { limbs: integerLimbs(d, magnitude < 2 ** 62 ? 2 : 3), exact: 'true', exponent: 0 };
}

/**
 * Float columns. Math.log2 may be one off near powers of two: one bit of margin on each side.
 * Low limbs are cut in DOUBLE arithmetic, where every step is exact (scaling by a power of two,
 * floor, and the difference of two integers whose exact result, in [0, 2^31), is representable)
 * until the rest fits a BIGINT, whose limbs come from shifts.
 */
export function floatPlan(value: string, largest: number, smallest: number | null): MomentPlan {
  if (largest === 0 || smallest === null) return { limbs: ['0'], exact: 'true', exponent: 0 };
  const top = Math.floor(Math.log2(largest)) + 1;
  const exponent = Math.min(SIGNIFICAND_BITS + 1 - Math.floor(Math.log2(smallest)), LIMB_BITS * MAX_LIMBS - top - 1);
  const count = limbCount(top + 1 + exponent);
  const scaled = timesPowerOfTwo(value, exponent);
  const t = `round(${scaled})`;
  const floorAt = (i: number): string => (i === 0 ? t : `floor(${t} * 2^(${-LIMB_BITS * i}))`);
  // floorAt(i) has at most bits − 31i bits: a BIGINT holds it from the first i where that is ≤ 62.
  const firstInteger = Math.max(0, Math.ceil((top + 1 + exponent - 62) / LIMB_BITS));
  const doubleLimbs = Array.from({ length: firstInteger }, (_, i) => `CAST(${floorAt(i)} - ${floorAt(i + 1)} * 2^${LIMB_BITS} AS BIGINT)`);
  const limbs = [...doubleLimbs, ...integerLimbs(`CAST(${floorAt(firstInteger)} AS BIGINT)`, count - firstInteger)];
  // A product that underflowed to 0 lost the value: exact only if the value was 0 itself.
  return { limbs, exact: `bool_and(${scaled} = ${t} AND (${scaled} = 0) = (${value} = 0))`, exponent };
}

function limbPairs(plan: MomentPlan): [number, number][] {
  return plan.limbs.flatMap((_, i) => plan.limbs.slice(i).map((__, j): [number, number] => [i, i + j]));
}

export function momentFieldCount(plan: MomentPlan): number {
  return plan.limbs.length + limbPairs(plan).length + 1;
}

/**
 * Σ limb_i, Σ limb_i·limb_j (i ≤ j), and the exactness check: momentFieldCount fields. `weight`: an
 * SQL multiplicity of each row (a HUGEINT count, when rows are distinct values with their counts).
 */
export function momentsSql(plan: MomentPlan, weight?: string): string {
  const weighted = (term: string): string => (weight === undefined ? term : `${weight} * ${term}`);
  const sums = plan.limbs.map((limb) => `sum(${weighted(limb)})`);
  const products = limbPairs(plan).map(([i, j]) => `sum(${weighted(`${plan.limbs[i]} * ${plan.limbs[j]}`)})`);
  return [...sums, ...products, plan.exact].join(', ');
}

function toBigInt(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as number);
}

/** Σt and Σt² from the limb sums (cross products i < j appear twice in t²). */
function powerSums(plan: MomentPlan, fields: unknown[]): { s1: bigint; s2: bigint } {
  const weight = (i: number): bigint => 1n << BigInt(LIMB_BITS * i);
  const s1 = plan.limbs.reduce((sum, _, i) => sum + toBigInt(fields[i]) * weight(i), 0n);
  const s2 = limbPairs(plan).reduce((sum, [i, j], p) => sum + toBigInt(fields[plan.limbs.length + p]) * weight(i) * weight(j) * (i === j ? 1n : 2n), 0n);
  return { s1, s2 };
}

/** The moments from momentsSql's fields; a moment beyond the double range is null. */
export function readMoments(plan: MomentPlan, count: number, fields: unknown[]): Moments {
  const exact = fields[momentFieldCount(plan) - 1] === true;
  const { s1, s2 } = powerSums(plan, fields);
  const n = BigInt(count);
  // value = t · num / den
  const num = plan.exponent < 0 ? 1n << BigInt(-plan.exponent) : 1n;
  const den = plan.exponent > 0 ? 1n << BigInt(plan.exponent) : 1n;
  const mean = ratioToDouble(s1 * num, n * den);
  if (count < 2) return { mean, variance: null, standardDeviation: null, exact };
  // n·Σt² − (Σt)² = n·Σ(t − mean)² ≥ 0, exactly.
  const spread = (n * s2 - s1 * s1) * num * num;
  const scale = n * (n - 1n) * den * den;
  return { mean, variance: ratioToDouble(spread, scale), standardDeviation: sqrtRatioToDouble(spread, scale), exact };
}
