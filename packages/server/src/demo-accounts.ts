/** Demo only (CALLBELL_DEMO, refused in production): every demo account logs in with it. */
export const DEMO_PASSWORD = 'callbell-demo';
export const DEMO_OWNER_EMAIL = 'free@demo.callbell.test';
export const DEMO_PAID_EMAIL = 'paid@demo.callbell.test';
export const DEMO_ADMIN_EMAIL = 'operator@demo.callbell.test';

/** The two widgets the demo sites run (demo/fixtures/widgets.json holds their settings). */
export const DEMO_FREE_WIDGET = 'wdg_demo0000000001';
export const DEMO_PAID_WIDGET = 'wdg_paidplan00000001';
