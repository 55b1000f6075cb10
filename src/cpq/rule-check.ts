/**
 * One tested condition of a rule, as POST /rules/:id/evaluate reports it: what was checked, the
 * operator and the value it is held against, the value the record has, and whether it fires.
 */
export type RuleCheck = { check: string; op: string; value: unknown; actual: unknown; fires: boolean };

/** The answer for one rule against one quote. `fires` is the rule's verdict (the checks combined). */
export type RuleEvaluation = {
  ruleId: string;
  ruleType: 'approval' | 'validation' | 'product';
  name: string;
  active: boolean;
  fires: boolean;
  checks: RuleCheck[];
  message: string | null;
};
