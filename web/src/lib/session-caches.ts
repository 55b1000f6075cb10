/**
 * What this tab keeps of one signed-in user's answers for a while (the metric catalogue, reports
 * cached for a few seconds, the catalogue the page was served with) is theirs: since the sales
 * roles see their team's figures and the others the company's (docs/metrics.md "Who sees what"),
 * a figure kept from one user must never be shown to the next one who signs in in this tab.
 * Each cache registers how to forget itself; App forgets them all when a user signs in or out.
 */
const forgetters = new Set<() => void>();

export function forgetOnSessionChange(forget: () => void): void {
  forgetters.add(forget);
}

export function forgetSessionData(): void {
  for (const forget of forgetters) forget();
}
