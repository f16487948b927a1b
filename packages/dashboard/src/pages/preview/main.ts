// The preview frame (preview.html, /app/preview.html): the widget page's live preview.
import './preview.css';
import { startPreviewFrame } from './frame.ts';

startPreviewFrame(window);
