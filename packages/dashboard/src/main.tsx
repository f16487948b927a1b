import { render } from 'preact';
import { App } from './app.tsx';
import { loadSession } from './state/session.ts';
import './styles.css';

loadSession();

const root = document.getElementById('app');
if (root) render(<App />, root);
