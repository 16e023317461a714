import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { WalletBar } from './components/WalletBar.js';
import { Toasts } from './components/Toasts.js';
import { NODE_URL } from './config/env.js';
import { BookContext } from './hooks/BookContext.js';
import { useChainClockSync } from './hooks/useChainClock.js';
import { navOf, SCREENS, useRoute, type Route } from './hooks/useRoute.js';
import { useNodeHealth } from './hooks/nodeHealth.js';
import { NodeBanner } from './components/NodeBanner.js';
import { ReadyVouchersBadge } from './components/NavBadge.js';
import { copy } from './lib/copy.js';
import { testIds } from './lib/testIds.js';
import { fetchAddressBook } from './node/addresses.js';
import { Portfolio } from './screens/Portfolio.js';
import { ChainTime } from './components/ChainTime.js';

// Portfolio is the landing screen and ships in the initial bundle; the rest load on first visit.
const Streams = lazy(() => import('./screens/Streams.js'));
const Swap = lazy(() => import('./screens/Swap.js'));
const Pool = lazy(() => import('./screens/Pool.js'));
const Activity = lazy(() => import('./screens/Activity.js'));
const StreamPage = lazy(() => import('./screens/StreamPage.js'));
const OrderPage = lazy(() => import('./screens/OrderPage.js'));

function ScreenView({ route }: { route: Route }) {
  if ('id' in route) return route.screen === 'stream' ? <StreamPage id={route.id} /> : <OrderPage id={route.id} />;
  switch (route.screen) {
    case 'portfolio':
      return <Portfolio />;
    case 'streams':
      return <Streams />;
    case 'swap':
      return <Swap />;
    case 'pool':
      return <Pool />;
    case 'activity':
      return <Activity />;
  }
}

export function App() {
  useChainClockSync();
  const route = useRoute();
  const screen = navOf(route);
  const health = useNodeHealth();
  const book = useQuery({ queryKey: ['addressBook'], queryFn: fetchAddressBook, retry: 2, staleTime: Infinity });

  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/portfolio">
          <span className="logo" aria-hidden>≋</span> <span className="brand-name">{copy.app.name}</span>
        </a>
        <nav aria-label={copy.app.navLabel}>
          {SCREENS.map((s) => (
            <a key={s} href={`#/${s}`} className={s === screen ? 'active' : ''} data-testid={testIds.nav(s)} aria-current={s === screen ? 'page' : undefined}>
              {copy.nav[s]}
              {s === 'activity' && book.data ? (
                <BookContext.Provider value={book.data}>
                  <ReadyVouchersBadge />
                </BookContext.Provider>
              ) : null}
            </a>
          ))}
        </nav>
        <WalletBar />
      </header>
      <NodeBanner />
      <main data-stale={health.failures > 0 ? 'true' : undefined}>
        {book.isPending ? (
          <p className="muted center">{copy.node.loading}</p>
        ) : book.isError ? (
          <div className="card error-card" data-testid={testIds.node.error}>
            <p>{copy.node.unreachable(NODE_URL)}</p>
            <button type="button" className="secondary" onClick={() => void book.refetch()}>
              {copy.node.retry}
            </button>
          </div>
        ) : (
          <BookContext.Provider value={book.data}>
            <Suspense fallback={<p className="muted center">…</p>}>
              <ScreenView route={route} />
            </Suspense>
          </BookContext.Provider>
        )}
      </main>
      <footer className="footer">
        <span>{copy.app.tagline}</span>
        <ChainTime />
      </footer>
      <Toasts />
    </div>
  );
}
