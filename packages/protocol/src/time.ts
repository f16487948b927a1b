/**
 * The UTC calendar day of a moment, `YYYY-MM-DD`: the unit of "one ping per visitor per widget
 * per day". The widget and the server must count days the same way.
 */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
