/** The customer's public acceptance page (/accept/<token>): no sign-in. */
export function AcceptancePage({ token }: { token: string }) {
  void token;
  return <main id="main" className="page" />;
}
