import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Defines <mitid-login> once for the whole app.
import 'mitid-login';
// Types only: teaches React 19's JSX the <mitid-login> tag, its properties, attributes and onmitid-* events.
import type {} from 'mitid-login/react';
import '../../shared/bank.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
