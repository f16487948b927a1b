/**
 * localStorage that never throws. Storage can be missing, blocked (cookies disabled, some
 * private modes) or full; every one of those reads as empty and a failed write reports false.
 * While `writable()` is false (consent pending) nothing is written at all.
 */
export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): boolean;
  remove(key: string): void;
}

/**
 * `localStorage` is looked up on each use, never at start-up: a page's first touch of it can
 * block while the browser opens the store, and the widget's first use is its idle-time ping.
 */
export function safeStorage(win: Window, writable: () => boolean): SafeStorage {
  return {
    get(key) {
      try {
        return win.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      if (!writable()) return false;
      try {
        win.localStorage.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        win.localStorage.removeItem(key);
      } catch {}
    },
  };
}
