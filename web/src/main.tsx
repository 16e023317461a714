import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WagmiProvider } from 'wagmi';
import { App } from './App.js';
import { wagmiConfig } from './config/wagmi.js';
import { backoffMs } from './lib/backoff.js';
import { invalidateOnNewInputs } from './node/push.js';
import './styles.css';

// one retry with backoff for one-off reads; polled reads (inspect) retry through their backed-off polling
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, retryDelay: (attempt) => backoffMs(attempt + 1), refetchOnWindowFocus: false, staleTime: 1_000 } },
});
// With a reader configured, live state refetches when an input is processed instead of on a timer.
invalidateOnNewInputs(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);
