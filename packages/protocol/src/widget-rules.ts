/** Shared by the server and the dashboard: see the helper that fills this file. */
export {};
