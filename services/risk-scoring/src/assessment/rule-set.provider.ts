import type { Provider } from '@nestjs/common';
import { CURRENT_RULE_SET, type RuleSet } from '@risk-scoring/engine';

/** The rule set this deployment scores with (a district variant is another RuleSet value with its own version). */
export const RULE_SET = Symbol('RULE_SET');

export const ruleSetProvider: Provider<RuleSet> = { provide: RULE_SET, useValue: CURRENT_RULE_SET };
