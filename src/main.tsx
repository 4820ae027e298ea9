/** Page entry: mounts the app, installs the e2e test handle, and starts the lab. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startLab } from './state/actions';
import { installLabHandle } from './testing/lab-handle';
import './styles/global.css';

installLabHandle();
startLab();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
