/** The widget's only way to speak to the host page's developer. */
export const warn = (message: string): void => console.warn(`[Callbell] ${message}`);
