/** How numbers, sizes and shares are written on the page (en-US, the same on every machine). */

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

export const formatNumber = (value: number): string => {
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e15 || size < 1e-4)) return value.toExponential(3);
  return Number.isInteger(value) ? INTEGER.format(value) : DECIMAL.format(value);
};

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units (1 kB = 1000 B), three significant digits. */
export const formatBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toPrecision(3)} ${UNITS[unit]}`;
};

export const formatPercent = (value: number): string => `${DECIMAL.format(Math.round(value * 100) / 100)}%`;

/** `contentSize` is written `"2386685 B"`. */
export const bytesOf = (contentSize: string | undefined): number | undefined => {
  const match = /^(\d+) B$/.exec(contentSize ?? '');
  return match ? Number(match[1]) : undefined;
};
