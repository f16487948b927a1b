/** Leaves the dashboard for a page the server named (Stripe Checkout, the billing portal). An object so tests can watch it. */
export const leave = {
  to(url: string): void {
    window.location.assign(url);
  },
};
