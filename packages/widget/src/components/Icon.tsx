import type { ChannelType } from '@callbell/protocol';
import { CHAT_PATH, CLOSE_PATH } from '../icons.ts';

/** Stroke icons on a 24-unit grid; one path each keeps the bundle small. */
const PATHS: Record<ChannelType | 'chat' | 'close', string> = {
  chat: CHAT_PATH,
  close: CLOSE_PATH,
  whatsapp:
    'M12 3a9 9 0 0 0-7.7 13.6L3 21l4.5-1.2A9 9 0 1 0 12 3zM9 8.5c0 3.5 3 6.5 6.5 6.5l1-1.5-2-1-1 1a5 5 0 0 1-2.5-2.5l1-1-1-2z',
  messenger:
    'M12 3c-5 0-9 3.7-9 8.3 0 2.6 1.3 5 3.3 6.5V21l3-1.6c.9.2 1.8.4 2.7.4 5 0 9-3.8 9-8.5S17 3 12 3zM7 14l4-4 2.5 2.5L17 10l-4 4-2.5-2.5z',
  telegram: 'M21 4 3 11l6 2 2 6 3-4 5 4 2-15zM9 13l9-7',
  instagram:
    'M8 3h8a5 5 0 0 1 5 5v8a5 5 0 0 1-5 5H8a5 5 0 0 1-5-5V8a5 5 0 0 1 5-5zm4 5a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm5-2v.1',
  email: 'M3 6h18v12H3zm0 0 9 7 9-7',
  phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z',
};

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
