import type { ProtectionRule } from './indicator-protection';

/** Defaults of DESIGN.md: suppression threshold k = 5, rounding base 5. */
export const DEFAULT_RULE: ProtectionRule = Object.freeze({ threshold: 5, roundingBase: 5 });

export interface RuleVersion extends ProtectionRule {
  /** YYYY-MM-DD from which the version applies. */
  validFrom: string;
}

/**
 * The rule that protects the table of `year`: the version in force on 1 January of that year (the
 * latest `validFrom` on or before it). A change therefore applies from the first year it covers in
 * full, and the table of a past year is always protected by the same rule, so it stays
 * reproducible. Before the first version: the first version (nothing older exists to reproduce).
 */
export function ruleForYear(versions: readonly RuleVersion[], year: number): RuleVersion | null {
  if (versions.length === 0) return null;
  const sorted = [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const firstOfYear = `${String(year).padStart(4, '0')}-01-01`;
  let chosen = sorted[0];
  for (const v of sorted) if (v.validFrom <= firstOfYear) chosen = v;
  return chosen;
}
