import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { clientConfig } from './config.ts';
import { setRegionTimeZone } from './ui/format.ts';
import './styles.css';

function render(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Moments are shown in the region's zone, which the server knows: ask it first (one small request).
clientConfig()
  .then((config) => setRegionTimeZone(config.regionTimeZone))
  .catch(() => undefined)
  .finally(render);
