/**
 * Solidarity surcharge on the annual wage tax, § 3 (3) and § 4 SolZG (PAP: MSOLZ): nothing up to
 * the exemption limit (Freigrenze, doubled in tax class III); above it 5.5 % of the tax, but at
 * most 11.9 % of the tax above the limit, which lets the surcharge grow smoothly from zero
 * (the sliding zone, Milderungszone) instead of jumping at the limit.
 */
import type { WageTaxFigures } from "./figures";

/** Annual solidarity surcharge in cents, from the annual wage tax in whole euros. */
export function annualSolidarity(annualTax: number, splitting: boolean, s: WageTaxFigures["solidarity"]): number {
  const exemption = s.exemption * (splitting ? 2 : 1);
  if (annualTax <= exemption) return 0;
  // Rates in tenths of a percent (5.5 % = 55): euros × 55 / 10 is cents, rounded down.
  const tenths = (percent: number) => Math.round(percent * 10);
  const full = Math.floor((annualTax * tenths(s.ratePercent)) / 10);
  const sliding = Math.floor(((annualTax - exemption) * tenths(s.slidingRatePercent)) / 10);
  return Math.min(full, sliding);
}
