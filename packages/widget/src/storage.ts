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

export function safeStorage(win: Window, writable: () => boolean): SafeStorage {
  let ls: Storage | null = null;
  try {
    ls = win.localStorage;
  } catch {}
  return {
    get(key) {
      try {
        return ls?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      if (!ls || !writable()) return false;
      try {
        ls.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        ls?.removeItem(key);
      } catch {}
    },
  };
}
