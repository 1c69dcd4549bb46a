import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app.tsx';
import { warmUp } from './lib/api/agent.api.ts';
import { loadConfig } from './lib/config.ts';
import { errorMessage } from './lib/services/errors.services.ts';
import { SessionProvider } from './lib/state/session.tsx';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function boot(): Promise<void> {
  try {
    const config = await loadConfig();
    warmUp(config);
    root.render(
      <StrictMode>
        <SessionProvider config={config}>
          <App />
        </SessionProvider>
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <main className="boot-error" role="alert">
        <h1>Gatehouse cannot start</h1>
        <p>{errorMessage(error)}</p>
      </main>,
    );
  }
}

void boot();
