/**
 * Codes of the seeded chart of accounts (migrations/202611230080), named for the posting rules in
 * docs/ledger.md, so the billing engine writes `LEDGER_ACCOUNTS.accountsReceivable`, not '1100'.
 * A test checks that every code here exists in the database with the type it implies.
 */
export const LEDGER_ACCOUNTS = {
  cash: '1000',
  accountsReceivable: '1100',
  unbilledReceivables: '1200',
  deferredRevenue: '2000',
  taxPayable: '2100',
  customerCredit: '2200',
  retainedEarnings: '3000',
  openingBalanceEquity: '3900',
  subscriptionRevenue: '4000',
  servicesRevenue: '4100',
  usageRevenue: '4200',
  fxGainLoss: '4900',
  badDebtExpense: '6100',
  paymentProcessingFees: '6200',
} as const;
