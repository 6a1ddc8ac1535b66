import type { ObstetricHistoryV1, RiskCategory } from '@siaga/contracts';

export interface SummarySource {
  history: ObstetricHistoryV1 | null;
  conditions: readonly string[];
  riskScore: number | null;
  riskCategory: RiskCategory | null;
  /** KSPR factors present, e.g. KSPR-10. */
  riskRuleIds: readonly string[];
  /** WHO / Kemenkes emergencies found at the last assessment. */
  emergencyRuleIds: readonly string[];
  hpl: string | null;
}

/**
 * The history summary a receiving hospital reads when the referrer wrote none (a referral from an alert
 * or a planned one): obstetric formula, past complications, conditions, the card score and its factors.
 */
export function historySummary(s: SummarySource): string | null {
  const parts: string[] = [];
  const h = s.history;
  if (h) {
    parts.push(`G${h.gravida} P${h.para} A${h.abortus}, ${h.livingChildren} living`);
    const past = [
      h.previousCaesarean && 'previous caesarean',
      h.forcepsOrVacuum && 'forceps/vacuum delivery',
      h.manualPlacentaRemoval && 'manual placenta removal',
      h.infusionOrTransfusion && 'infusion/transfusion at delivery',
      (h.stillbirths ?? 0) > 0 && `${h.stillbirths} stillbirth(s)`,
    ].filter((p): p is string => typeof p === 'string');
    if (past.length > 0) parts.push(past.join(', '));
  }
  if (s.conditions.length > 0) parts.push(`conditions: ${s.conditions.join(', ')}`);
  if (s.riskScore !== null && s.riskCategory !== null) {
    const factors = s.riskRuleIds.filter((id) => id !== 'KSPR-0');
    parts.push(`KSPR ${s.riskScore} (${s.riskCategory})${factors.length > 0 ? `: ${factors.join(', ')}` : ''}`);
  }
  if (s.emergencyRuleIds.length > 0) parts.push(`danger signs: ${s.emergencyRuleIds.join(', ')}`);
  if (s.hpl) parts.push(`HPL ${s.hpl}`);
  return parts.length === 0 ? null : parts.join('; ');
}
