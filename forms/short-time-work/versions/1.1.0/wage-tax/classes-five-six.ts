/**
 * Wage tax of tax classes V and VI, § 39b (2) Satz 7 EStG (PAP: MST5_6 and UP5_6): twice the
 * difference between the tariff on 1.25 × and on 0.75 × the income, at least 14 % of it; above
 * the thresholds W1–W3 the extra income is taxed at 42 % and 45 %.
 */
import type { ClassFiveSixFigures, TariffFigures } from "./figures";
import { tariffTax } from "./tariff";

/** UP5_6: the tax on an income of `zx` whole euros. */
function upFiveSix(zx: number, c: ClassFiveSixFigures, t: TariffFigures): number {
  // 1.25 × zx and 0.75 × zx in cents, exact; 2026 rounds them down to whole euros first.
  const scaled = (hundredths: number) => {
    const cents = zx * hundredths;
    return c.rounding === "euro" ? Math.floor(cents / 100) * 100 : cents;
  };
  const difference = (tariffTax(scaled(125), t) - tariffTax(scaled(75), t)) * 2;
  const minimum = Math.floor((zx * Math.round(c.minimumRate * 100)) / 100);
  return minimum > difference ? minimum : difference;
}

/** `amount` × rate in whole euros (rounded down), for the 42 % and 45 % bands of the tariff. */
const band = (amount: number, rate: number) => Math.floor((amount * Math.round(rate * 100)) / 100);

/** Annual wage tax in whole euros for classes V and VI on a taxable income of `x` whole euros. */
export function classFiveSixTax(x: number, c: ClassFiveSixFigures, t: TariffFigures): number {
  if (x > c.w2) {
    const base = upFiveSix(c.w2, c, t);
    if (x > c.w3) return base + band(c.w3 - c.w2, t.zone4.rate) + band(x - c.w3, t.zone5.rate);
    return base + band(x - c.w2, t.zone4.rate);
  }
  const own = upFiveSix(x, c, t);
  if (x <= c.w1) return own;
  // Between W1 and W2 the lower of the two ways applies.
  const capped = upFiveSix(c.w1, c, t) + band(x - c.w1, t.zone4.rate);
  return capped < own ? capped : own;
}
