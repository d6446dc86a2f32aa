/**
 * Exact rationals (BigInt numerator / denominator) to the correctly rounded double (round half to
 * even), in one rounding step. The moments are summed exactly as integers; rounding only here, once,
 * is what makes mean / variance / standard deviation exact and independent of summation order.
 * A result beyond the double range is null (it cannot be represented), never Infinity.
 */

/** Bits kept before the final rounding: more than 53 + 1, so a sticky bit fits below the rounding position. */
const KEPT_BITS = 64;
/** Exponent of the smallest subnormal double: below 2^-1022 the precision is this absolute step. */
const SUBNORMAL_EXPONENT = -1074;
const MIN_NORMAL_EXPONENT = -1022;

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** x · 2^e without intermediate overflow or underflow (2 ** e alone is 0 or Infinity beyond ±1074). */
function scaleByPowerOfTwo(x: number, e: number): number {
  let scaled = x;
  let rest = e;
  while (rest > 1000) { scaled *= 2 ** 1000; rest -= 1000; }
  while (rest < -1000) { scaled *= 2 ** -1000; rest += 1000; }
  return scaled * 2 ** rest;
}

/** q >> drop rounded half to even (q's lowest bit already carries the sticky remainder). */
function shiftRoundingHalfEven(q: bigint, drop: number): bigint {
  const kept = q >> BigInt(drop);
  const rest = q - (kept << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  return rest > half || (rest === half && (kept & 1n) === 1n) ? kept + 1n : kept;
}

/**
 * The double nearest to q · 2^-shift, where q ≥ 2^63 and q's lowest bit is set when the true value
 * is above q (sticky). Number(bigint) rounds half to even exactly; subnormals need the absolute step.
 */
function roundScaled(q: bigint, shift: number): number | null {
  const exponent = bitLength(q) - 1 - shift;
  if (exponent < MIN_NORMAL_EXPONENT) {
    const drop = shift + SUBNORMAL_EXPONENT;
    return scaleByPowerOfTwo(Number(shiftRoundingHalfEven(q, drop)), SUBNORMAL_EXPONENT);
  }
  const value = scaleByPowerOfTwo(Number(q), -shift);
  return Number.isFinite(value) ? value : null;
}

function withSticky(q: bigint, exact: boolean): bigint {
  return exact ? q : q | 1n;
}

/** num / den correctly rounded; den > 0. */
export function ratioToDouble(num: bigint, den: bigint): number | null {
  if (num === 0n) return 0;
  const magnitude = num < 0n ? -num : num;
  const shift = KEPT_BITS - (bitLength(magnitude) - bitLength(den));
  const top = shift >= 0 ? magnitude << BigInt(shift) : magnitude;
  const bottom = shift >= 0 ? den : den << BigInt(-shift);
  const q = top / bottom;
  const rounded = roundScaled(withSticky(q, q * bottom === top), shift);
  return rounded === null || num > 0n ? rounded : -rounded;
}

/** floor(sqrt(x)) by Newton's method, for x ≥ 0. */
function integerSqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let guess = 1n << BigInt(Math.ceil(bitLength(x) / 2));
  for (;;) {
    const next = (guess + x / guess) >> 1n;
    if (next >= guess) return guess;
    guess = next;
  }
}

/** sqrt(num / den) correctly rounded; num ≥ 0, den > 0. */
export function sqrtRatioToDouble(num: bigint, den: bigint): number | null {
  if (num === 0n) return 0;
  // An even shift 2t so that num·2^2t/den has about 2·KEPT_BITS bits: its root has KEPT_BITS.
  const half = Math.ceil((2 * KEPT_BITS - (bitLength(num) - bitLength(den))) / 2);
  const top = half >= 0 ? num << BigInt(2 * half) : num;
  const bottom = half >= 0 ? den : den << BigInt(-2 * half);
  const radicand = top / bottom;
  const root = integerSqrt(radicand);
  return roundScaled(withSticky(root, root * root === radicand && radicand * bottom === top), half);
}
