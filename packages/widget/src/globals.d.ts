/** Replaced at build time with the package version. */
declare const __SDK_VERSION__: string;

interface Window {
  Callbell?: import('./api.ts').CallbellFunction;
}
