/**
 * The Vorsorgepauschale (§ 39b (2) Satz 5 Nr. 3 EStG; PAP: UPEVP, MVSP / MVSPKVPV, MVSPHB) for an
 * employee compulsorily insured in the statutory pension, health, care and unemployment insurance,
 * with the contribution rates § 153 (1) Satz 4 SGB III prescribes. Worked in cents; the rates are
 * turned into millionths so that every product is an exact integer.
 */
import type { VorsorgeFigures } from "./figures";
import type { TaxClass } from "./monthly";

const millionths = (rate: number): number => Math.round(rate * 1_000_000);
/** amount × rate, rounded down to the cent (the PAP's setScale(2, ROUND_DOWN)). */
const share = (cents: number, rate: number): number => Math.floor((cents * millionths(rate)) / 1_000_000);
/** Rounded up to whole euros (setScale(0, ROUND_UP)), still in cents. */
const upToEuro = (cents: number): number => Math.ceil(cents / 100) * 100;

export interface Vorsorgepauschale {
  /** Annual amount deducted before the tariff, whole euros in cents. */
  cents: number;
  /** Its pension insurance part (Buchstabe a), in cents. */
  pensionCents: number;
  /** Its health and care insurance part (Buchstaben b and c), in cents. */
  healthCareCents: number;
  /** The floor of the year (Mindestvorsorgepauschale 2025, unemployment cap 2026) raised it. */
  floorApplied: boolean;
}

/** The Vorsorgepauschale for an annual pay in cents. */
export function vorsorgepauschale(annualPayCents: number, taxClass: TaxClass, v: VorsorgeFigures): Vorsorgepauschale {
  const pensionCeiling = Math.round(v.pensionCeilingMonthly * 100) * 12;
  const healthCeiling = Math.round(v.healthCeilingMonthly * 100) * 12;
  const pensionBase = Math.min(annualPayCents, pensionCeiling);

  const pensionCents = share(pensionBase, v.pensionRate);
  // The employee pays half the additional contribution (KVZ ÷ 2 ÷ 100 in the PAP).
  const healthCareRate = v.healthRate + v.averageAdditionalContribution / 200 + v.careRate;
  const healthCareCents = share(Math.min(annualPayCents, healthCeiling), healthCareRate);
  const regular = upToEuro(pensionCents + healthCareCents);

  const floorPart = floorOf(v, taxClass, pensionBase, healthCareCents);
  const alternative = floorPart === undefined ? 0 : upToEuro(pensionCents + floorPart);
  return alternative > regular
    ? { cents: alternative, pensionCents, healthCareCents, floorApplied: true }
    : { cents: regular, pensionCents, healthCareCents, floorApplied: false };
}

/** The part that replaces the health and care part when it gives more, or undefined. */
function floorOf(v: VorsorgeFigures, taxClass: TaxClass, pensionBase: number, healthCareCents: number): number | undefined {
  const floor = v.floor;
  if (floor.kind === "minimum") {
    const cap = (taxClass === 3 ? floor.capClassThree : floor.cap) * 100;
    return Math.min(share(pensionBase, floor.rate), cap); // the PAP has capped the pay at the pension ceiling here
  }
  // 2026: unemployment insurance plus health and care, together capped; not in class VI.
  if (taxClass === 6) return undefined;
  return Math.min(share(pensionBase, floor.rate) + healthCareCents, floor.cap * 100);
}
