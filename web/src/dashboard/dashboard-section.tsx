import { DashboardPage } from '../home/dashboard-page.tsx';

/** Entry of the dashboard section (/). */
export function DashboardSection({ pathname }: { pathname: string }) {
  void pathname;
  return <DashboardPage />;
}
