/** The launcher's two icons (stroke paths on a 24-unit grid), shared by the loader and the panel. */
export const CHAT_PATH = 'M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
export const CLOSE_PATH = 'M6 6l12 12M18 6 6 18';
