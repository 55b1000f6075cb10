import { DashboardPage } from '../home/dashboard-page.tsx';

/** Entry of the dashboard section (/): the home page with the revenue dashboard. */
export function DashboardSection({ pathname }: { pathname: string }) {
  void pathname;
  return <DashboardPage />;
}
