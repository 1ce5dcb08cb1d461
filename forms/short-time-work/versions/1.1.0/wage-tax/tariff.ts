/**
 * The income tax tariff of § 32a (1) EStG as the PAP computes it (UPTAB25 / UPTAB26).
 *
 * Exact decimal arithmetic in bigint: the taxable income comes in cents (classes V and VI of 2025
 * feed the tariff 1.25 × and 0.75 × an income, to the cent), and every product is kept in an
 * integer unit small enough to hold it exactly, so that rounding down never trips over a binary
 * fraction. The figures have at most two decimals, which `hundredths` relies on.
 */
import type { TariffFigures } from "./figures";

const hundredths = (v: number): bigint => BigInt(Math.round(v * 100));
const TEN = 10n;
const pow = (n: number): bigint => TEN ** BigInt(n);

/** Tariff income tax in whole euros (rounded down) on a taxable income given in cents. */
export function tariffTax(taxableCents: number, t: TariffFigures): number {
  const x = BigInt(Math.max(0, Math.floor(taxableCents)));
  const euros = (e: number) => BigInt(e) * 100n;
  // The PAP's zone tests are "X < limit + 1" on an X that may carry cents.
  if (x < euros(t.basicAllowance + 1)) return 0;
  if (x < euros(t.zone2.upTo + 1)) {
    // y = (x − basic allowance) / 10,000, six decimals: in cents that difference is y in 1e-6.
    const y = x - euros(t.basicAllowance);
    const rw = y * hundredths(t.zone2.a) + hundredths(t.zone2.b) * pow(6); // 1e-8
    return Number((rw * y) / pow(14));
  }
  if (x < euros(t.zone3.upTo + 1)) {
    const z = x - euros(t.zone2.upTo); // 1e-6
    const rw = (z * hundredths(t.zone3.a) + hundredths(t.zone3.b) * pow(6)) * z; // 1e-14
    return Number((rw + hundredths(t.zone3.c) * pow(12)) / pow(14));
  }
  // rate · x − minus, in 1e-4 euro.
  const linear = (rate: number, minus: number) => Number((x * hundredths(rate) - hundredths(minus) * 100n) / pow(4));
  if (x < euros(t.zone4.upTo + 1)) return linear(t.zone4.rate, t.zone4.minus);
  return linear(t.zone5.rate, t.zone5.minus);
}
