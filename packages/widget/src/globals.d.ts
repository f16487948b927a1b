/** Replaced at build time with the package version. */
declare const __SDK_VERSION__: string;
/** Replaced at build time with the panel chunk's file name, versioned by its content. */
declare const __PANEL_FILE__: string;

interface Window {
  Callbell?: import('./api.ts').CallbellFunction;
}
