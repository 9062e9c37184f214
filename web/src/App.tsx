// Layout: header with navigation and freshness stamp, then the page named in the URL hash.
import { useRoute } from './router';
import { FreshnessStamp } from './components/FreshnessStamp';
import { OverviewPage } from './pages/OverviewPage';
import { ProductPage } from './pages/ProductPage';
import { BreakdownPage } from './pages/BreakdownPage';
import { ScenariosPage } from './pages/ScenariosPage';
import { EventsPage } from './pages/EventsPage';
import { CommitmentsPage } from './pages/CommitmentsPage';
import { ControlsPage } from './pages/ControlsPage';
import { ImpactPage } from './pages/ImpactPage';
import { EntriesPage } from './pages/EntriesPage';
import { SchedulePage } from './pages/SchedulePage';

const PAGES = [
  { id: 'overview', label: 'Overview', Page: OverviewPage },
  { id: 'product', label: 'Product', Page: ProductPage },
  { id: 'breakdown', label: 'Breakdown', Page: BreakdownPage },
  { id: 'scenarios', label: 'Scenarios', Page: ScenariosPage },
  { id: 'events', label: 'Events', Page: EventsPage },
  { id: 'commitments', label: 'Commitments', Page: CommitmentsPage },
  { id: 'controls', label: 'Controls', Page: ControlsPage },
  { id: 'impact', label: 'Impact', Page: ImpactPage },
  { id: 'entries', label: 'Entries', Page: EntriesPage },
  { id: 'schedule', label: 'Schedule', Page: SchedulePage },
];

export function App() {
  const route = useRoute();
  const current = PAGES.find((p) => p.id === route.page) ?? PAGES[0]!;
  return (
    <>
      <header className="top">
        <a className="brand" href="#/overview">
          <span className="logo" aria-hidden>
            ▟
          </span>{' '}
          tradewar
        </a>
        <nav aria-label="Pages">
          {PAGES.map((p) => (
            <a
              key={p.id}
              href={`#/${p.id}`}
              className={p.id === current.id ? 'active' : ''}
              aria-current={p.id === current.id ? 'page' : undefined}
            >
              {p.label}
            </a>
          ))}
        </nav>
        <FreshnessStamp />
      </header>
      <main data-page={current.id}>
        <current.Page params={route.params} />
      </main>
      <footer>
        US–China tariffs both ways, dated and sourced. Every number traces to a ledger record and its legal instrument ·{' '}
        <a href="/openapi.json">API</a>
      </footer>
    </>
  );
}
