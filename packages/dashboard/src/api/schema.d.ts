// Generated from the server’s OpenAPI document by `pnpm api-types`; do not edit.
export interface paths {
    "/api/account/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which programme news the account gets by e-mail */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a daily digest of new earnings, and a note when money becomes available */
                            earnings: boolean;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Turn programme news by e-mail on or off */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a daily digest of new earnings, and a note when money becomes available */
                        earnings: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a daily digest of new earnings, and a note when money becomes available */
                            earnings: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/admin/affiliate/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Affiliate access requests in a status, oldest first, against the review promise */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    status?: "requested" | "approved" | "rejected" | "withdrawn";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            promiseHours: number;
                            requests: {
                                accountId: string;
                                /** Format: date-time */
                                decidedAt?: string | null;
                                email?: string;
                                message?: string | null;
                                /**
                                 * @description waiting: on_time, due_soon (in the last sixth of the window) or breached; decided: met or missed
                                 * @enum {string}
                                 */
                                promise: "on_time" | "due_soon" | "breached" | "met" | "missed";
                                rejectReason?: string | null;
                                /** Format: date-time */
                                requestedAt: string;
                                /** Format: date-time */
                                reviewDueAt: string;
                                /** @enum {string} */
                                status: "requested" | "approved" | "rejected" | "withdrawn";
                                /** @description whole hours waited, until the decision or now */
                                waitedHours: number;
                                /**
                                 * Format: date-time
                                 * @description when an approval was withdrawn; decidedAt stays the approval
                                 */
                                withdrawnAt?: string | null;
                                withdrawReason?: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/affiliate/requests/{accountId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending request: the ambassador can then issue API keys */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountId: string;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            email?: string;
                            message?: string | null;
                            /**
                             * @description waiting: on_time, due_soon (in the last sixth of the window) or breached; decided: met or missed
                             * @enum {string}
                             */
                            promise: "on_time" | "due_soon" | "breached" | "met" | "missed";
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            reviewDueAt: string;
                            /** @enum {string} */
                            status: "requested" | "approved" | "rejected" | "withdrawn";
                            /** @description whole hours waited, until the decision or now */
                            waitedHours: number;
                            /**
                             * Format: date-time
                             * @description when an approval was withdrawn; decidedAt stays the approval
                             */
                            withdrawnAt?: string | null;
                            withdrawReason?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/affiliate/requests/{accountId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a pending request, with the reason shown to the ambassador */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountId: string;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            email?: string;
                            message?: string | null;
                            /**
                             * @description waiting: on_time, due_soon (in the last sixth of the window) or breached; decided: met or missed
                             * @enum {string}
                             */
                            promise: "on_time" | "due_soon" | "breached" | "met" | "missed";
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            reviewDueAt: string;
                            /** @enum {string} */
                            status: "requested" | "approved" | "rejected" | "withdrawn";
                            /** @description whole hours waited, until the decision or now */
                            waitedHours: number;
                            /**
                             * Format: date-time
                             * @description when an approval was withdrawn; decidedAt stays the approval
                             */
                            withdrawnAt?: string | null;
                            withdrawReason?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/affiliate/requests/{accountId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an approved access: the account's API keys stop working at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountId: string;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            email?: string;
                            keysRevoked: number;
                            message?: string | null;
                            /**
                             * @description waiting: on_time, due_soon (in the last sixth of the window) or breached; decided: met or missed
                             * @enum {string}
                             */
                            promise: "on_time" | "due_soon" | "breached" | "met" | "missed";
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            reviewDueAt: string;
                            /** @enum {string} */
                            status: "requested" | "approved" | "rejected" | "withdrawn";
                            /** @description whole hours waited, until the decision or now */
                            waitedHours: number;
                            /**
                             * Format: date-time
                             * @description when an approval was withdrawn; decidedAt stays the approval
                             */
                            withdrawnAt?: string | null;
                            withdrawReason?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The operator audit log, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description the affected account's id or e-mail */
                    account?: string;
                    /** @description one action, or a kind of thing (payout, batch, referral, cluster, install, affiliate, email, demo) */
                    action?: "payout.approve" | "payout.reject" | "payout.paid" | "payout.returned" | "payout.details_reveal" | "batch.create" | "batch.send" | "batch.paid" | "batch.cancel" | "referral.approve" | "referral.reject" | "cluster.approve" | "cluster.reject" | "affiliate.approve" | "affiliate.reject" | "affiliate.withdraw" | "email.retry" | "demo.advance" | "demo.billing" | "payout" | "batch" | "referral" | "cluster" | "affiliate" | "email" | "demo";
                    /** @description the operator's account id or e-mail */
                    actor?: string;
                    /** @description the id to page on from */
                    before?: string;
                    /** @description from this time on */
                    from?: string;
                    limit?: number;
                    /** @description before this time */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            records: {
                                accountEmail: string | null;
                                accountId: string | null;
                                /** @enum {string} */
                                action: "payout.approve" | "payout.reject" | "payout.paid" | "payout.returned" | "payout.details_reveal" | "batch.create" | "batch.send" | "batch.paid" | "batch.cancel" | "referral.approve" | "referral.reject" | "cluster.approve" | "cluster.reject" | "affiliate.approve" | "affiliate.reject" | "affiliate.withdraw" | "email.retry" | "demo.advance" | "demo.billing";
                                /** @description the operator's address when it acted */
                                actorEmail: string;
                                actorId: string;
                                /** Format: date-time */
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                reason: string | null;
                                subjectId: string;
                                subjectType: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/audit.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The operator audit log as CSV, with the same filters */
        get: {
            parameters: {
                query?: {
                    /** @description the affected account's id or e-mail */
                    account?: string;
                    /** @description one action, or a kind of thing (payout, batch, referral, cluster, install, affiliate, email, demo) */
                    action?: "payout.approve" | "payout.reject" | "payout.paid" | "payout.returned" | "payout.details_reveal" | "batch.create" | "batch.send" | "batch.paid" | "batch.cancel" | "referral.approve" | "referral.reject" | "cluster.approve" | "cluster.reject" | "affiliate.approve" | "affiliate.reject" | "affiliate.withdraw" | "email.retry" | "demo.advance" | "demo.billing" | "payout" | "batch" | "referral" | "cluster" | "affiliate" | "email" | "demo";
                    /** @description the operator's account id or e-mail */
                    actor?: string;
                    /** @description from this time on */
                    from?: string;
                    /** @description before this time */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV, one record a line */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Demo console: the programme’s clock, paid invoices and running subscriptions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whether the demo billing provider is in use (no Stripe key) */
                            billing: boolean;
                            clock: {
                                /** Format: date-time */
                                now: string;
                                skippedDays: number;
                            };
                            invoices: {
                                /** @description euro cents */
                                amountPaidCents: number;
                                /** @description euro cents */
                                commissionCents: number | null;
                                commissionState: string | null;
                                /** @description the demo dispute: needs_response, won or lost */
                                disputeStatus: string | null;
                                email: string;
                                id: string;
                                /** Format: date-time */
                                paidAt: string;
                                /** @description euro cents */
                                refundedCents: number;
                                subscriptionId?: string | null;
                            }[];
                            subscriptions: {
                                accountId: string;
                                email: string;
                                id: string;
                                plan: string;
                                /** Format: date-time */
                                startedAt: string | null;
                                status: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/demo/accounts/{accountId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Demo console: cancel the account’s subscription now (a signed customer.subscription.deleted) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plan: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/demo/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Demo console: move the programme’s clock forward, bill the renewals due, end the holds that are over */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        days: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description earnings whose hold ended and became available */
                            available: number;
                            /** Format: date-time */
                            now: string;
                            /** @description subscription renewals billed for the time skipped */
                            renewed: number;
                            /** @description install bounties reversed: their widget was no longer seen */
                            reversed: number;
                            skippedDays: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/demo/invoices/{id}/dispute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Demo console: open the invoice’s dispute, or close it won or lost (signed dispute events) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        step: "open" | "won" | "lost";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            amountPaidCents: number;
                            /** @description euro cents */
                            commissionCents: number | null;
                            commissionState: string | null;
                            /** @description the demo dispute: needs_response, won or lost */
                            disputeStatus: string | null;
                            email: string;
                            id: string;
                            /** Format: date-time */
                            paidAt: string;
                            /** @description euro cents */
                            refundedCents: number;
                            subscriptionId?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/demo/invoices/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Demo console: refund part or all of a paid invoice (a signed charge.refunded) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountCents: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            amountPaidCents: number;
                            /** @description euro cents */
                            commissionCents: number | null;
                            commissionState: string | null;
                            /** @description the demo dispute: needs_response, won or lost */
                            disputeStatus: string | null;
                            email: string;
                            id: string;
                            /** Format: date-time */
                            paidAt: string;
                            /** @description euro cents */
                            refundedCents: number;
                            subscriptionId?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/emails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** E-mail, newest first, with how many are in each status */
        get: {
            parameters: {
                query?: {
                    /** @description the id to page on from */
                    before?: string;
                    limit?: number;
                    status?: "queued" | "sent" | "outbox" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bodiesReadable: boolean;
                            counts: {
                                failed: number;
                                outbox: number;
                                queued: number;
                                sent: number;
                            };
                            emails: {
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                /** @description verify_email, password_reset, earnings_digest, payout_paid, … */
                                kind: string;
                                lastError: string | null;
                                /**
                                 * Format: date-time
                                 * @description when a queued message is tried (again)
                                 */
                                nextAttemptAt: string | null;
                                /** Format: date-time */
                                sentAt: string | null;
                                /**
                                 * @description queued (waiting or to be tried again), sent (through SMTP), outbox (kept here: no SMTP_URL), failed
                                 * @enum {string}
                                 */
                                status: "queued" | "sent" | "outbox" | "failed";
                                /** @description null until the first attempt */
                                subject: string | null;
                                to: string;
                            }[];
                            /** @enum {string} */
                            transport: "smtp" | "outbox";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/emails/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message; its text and HTML where bodies are readable (the demo’s outbox) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            html: string | null;
                            id: string;
                            /** @description verify_email, password_reset, earnings_digest, payout_paid, … */
                            kind: string;
                            lastError: string | null;
                            /**
                             * Format: date-time
                             * @description when a queued message is tried (again)
                             */
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /**
                             * @description queued (waiting or to be tried again), sent (through SMTP), outbox (kept here: no SMTP_URL), failed
                             * @enum {string}
                             */
                            status: "queued" | "sent" | "outbox" | "failed";
                            /** @description null until the first attempt */
                            subject: string | null;
                            text: string | null;
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/emails/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try a failed message again now, with its tries counted afresh */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /** @description verify_email, password_reset, earnings_digest, payout_paid, … */
                            kind: string;
                            lastError: string | null;
                            /**
                             * Format: date-time
                             * @description when a queued message is tried (again)
                             */
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /**
                             * @description queued (waiting or to be tried again), sent (through SMTP), outbox (kept here: no SMTP_URL), failed
                             * @enum {string}
                             */
                            status: "queued" | "sent" | "outbox" | "failed";
                            /** @description null until the first attempt */
                            subject: string | null;
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payout-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The 50 most recent payout batches, newest first, and how they can be paid */
        get: {
            parameters: {
                query?: {
                    /** @description open: created or sent */
                    state?: "open" | "all" | "created" | "sent" | "paid" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            batches: {
                                /** Format: date-time */
                                cancelledAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                createdByEmail: string;
                                /**
                                 * Format: date-time
                                 * @description its file’s first download
                                 */
                                fileDownloadedAt: string | null;
                                /** @description what its file downloads as */
                                fileName: string;
                                /** @description opaque: pb_ and 20 random letters and digits */
                                id: string;
                                /** @description why the last send to PayPal failed */
                                lastError: string | null;
                                /** @enum {string} */
                                method: "paypal" | "bank_transfer";
                                /** Format: date-time */
                                paidAt: string | null;
                                payoutCount: number;
                                payouts: {
                                    accountId: string;
                                    /** @description euro cents */
                                    amountCents: number;
                                    detailsHint: string;
                                    email: string;
                                    /** @description opaque: po_ and 20 random letters and digits */
                                    id: string;
                                    /** @enum {string} */
                                    status: "requested" | "approved" | "paid" | "rejected" | "returned";
                                }[];
                                /** @description PayPal’s payout_batch_id, once sent */
                                providerBatchId: string | null;
                                /** @description PayPal’s batch_status when it was sent */
                                providerStatus: string | null;
                                reference: string | null;
                                /** Format: date-time */
                                sentAt: string | null;
                                /**
                                 * @description created: its file can be downloaded; sent: handed to the PayPal API; paid; cancelled
                                 * @enum {string}
                                 */
                                state: "created" | "sent" | "paid" | "cancelled";
                                /** @description euro cents: the sum of its payouts */
                                totalCents: number;
                            }[];
                            /** @description PayPal batches can be sent through the Payouts API */
                            paypalApi: boolean;
                            /** @description the account SEPA files pay from (SEPA_DEBTOR_*) */
                            sepa: {
                                configured: boolean;
                                /** @description its IBAN’s last four characters */
                                debtorIbanHint: string | null;
                                debtorName: string | null;
                                /** @description the demo’s made-up account */
                                demo: boolean;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Put approved payouts of one method into a new batch
         * @description All or nothing: an unknown payout answers 404, one not approved, already in a batch, or whose file cannot be made 409, payouts of two methods 400. A bank-transfer batch needs SEPA_DEBTOR_NAME and SEPA_DEBTOR_IBAN (409 sepa_not_configured).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description approved payouts of one method, in no open batch */
                        payoutIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            createdByEmail: string;
                            /**
                             * Format: date-time
                             * @description its file’s first download
                             */
                            fileDownloadedAt: string | null;
                            /** @description what its file downloads as */
                            fileName: string;
                            /** @description opaque: pb_ and 20 random letters and digits */
                            id: string;
                            /** @description why the last send to PayPal failed */
                            lastError: string | null;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt: string | null;
                            payoutCount: number;
                            payouts: {
                                accountId: string;
                                /** @description euro cents */
                                amountCents: number;
                                detailsHint: string;
                                email: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                            }[];
                            /** @description PayPal’s payout_batch_id, once sent */
                            providerBatchId: string | null;
                            /** @description PayPal’s batch_status when it was sent */
                            providerStatus: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /**
                             * @description created: its file can be downloaded; sent: handed to the PayPal API; paid; cancelled
                             * @enum {string}
                             */
                            state: "created" | "sent" | "paid" | "cancelled";
                            /** @description euro cents: the sum of its payouts */
                            totalCents: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payout-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payout batch with its payouts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: pb_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            createdByEmail: string;
                            /**
                             * Format: date-time
                             * @description its file’s first download
                             */
                            fileDownloadedAt: string | null;
                            /** @description what its file downloads as */
                            fileName: string;
                            /** @description opaque: pb_ and 20 random letters and digits */
                            id: string;
                            /** @description why the last send to PayPal failed */
                            lastError: string | null;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt: string | null;
                            payoutCount: number;
                            payouts: {
                                accountId: string;
                                /** @description euro cents */
                                amountCents: number;
                                detailsHint: string;
                                email: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                            }[];
                            /** @description PayPal’s payout_batch_id, once sent */
                            providerBatchId: string | null;
                            /** @description PayPal’s batch_status when it was sent */
                            providerStatus: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /**
                             * @description created: its file can be downloaded; sent: handed to the PayPal API; paid; cancelled
                             * @enum {string}
                             */
                            state: "created" | "sent" | "paid" | "cancelled";
                            /** @description euro cents: the sum of its payouts */
                            totalCents: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payout-batches/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a batch not yet sent: its payouts stay approved and can go into another */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: pb_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            createdByEmail: string;
                            /**
                             * Format: date-time
                             * @description its file’s first download
                             */
                            fileDownloadedAt: string | null;
                            /** @description what its file downloads as */
                            fileName: string;
                            /** @description opaque: pb_ and 20 random letters and digits */
                            id: string;
                            /** @description why the last send to PayPal failed */
                            lastError: string | null;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt: string | null;
                            payoutCount: number;
                            payouts: {
                                accountId: string;
                                /** @description euro cents */
                                amountCents: number;
                                detailsHint: string;
                                email: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                            }[];
                            /** @description PayPal’s payout_batch_id, once sent */
                            providerBatchId: string | null;
                            /** @description PayPal’s batch_status when it was sent */
                            providerStatus: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /**
                             * @description created: its file can be downloaded; sent: handed to the PayPal API; paid; cancelled
                             * @enum {string}
                             */
                            state: "created" | "sent" | "paid" | "cancelled";
                            /** @description euro cents: the sum of its payouts */
                            totalCents: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payout-batches/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The batch’s file: a SEPA credit transfer (pain.001.001.03) or PayPal’s bulk-upload CSV
         * @description application/xml for bank transfers (executed on the day it is downloaded; the batch id is its message id, so a bank runs it once), text/csv for PayPal (no header line). A cancelled batch has none (409).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: pb_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file, as an attachment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payout-batches/{id}/paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that a batch was paid: each of its payouts is marked paid with the reference */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: pb_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            createdByEmail: string;
                            /**
                             * Format: date-time
                             * @description its file’s first download
                             */
                            fileDownloadedAt: string | null;
                            /** @description what its file downloads as */
                            fileName: string;
                            /** @description opaque: pb_ and 20 random letters and digits */
                            id: string;
                            /** @description why the last send to PayPal failed */
                            lastError: string | null;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt: string | null;
                            payoutCount: number;
                            payouts: {
                                accountId: string;
                                /** @description euro cents */
                                amountCents: number;
                                detailsHint: string;
                                email: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                            }[];
                            /** @description PayPal’s payout_batch_id, once sent */
                            providerBatchId: string | null;
                            /** @description PayPal’s batch_status when it was sent */
                            providerStatus: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /**
                             * @description created: its file can be downloaded; sent: handed to the PayPal API; paid; cancelled
                             * @enum {string}
                             */
                            state: "created" | "sent" | "paid" | "cancelled";
                            /** @description euro cents: the sum of its payouts */
                            totalCents: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payout-batches/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new PayPal batch through the PayPal Payouts API
         * @description Needs PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET (409 paypal_not_configured). PayPal’s refusal answers 409 paypal_refused, an unreachable PayPal 502 paypal_unavailable; either way the batch stays new, with the reason in lastError, and can be sent again.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: pb_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            createdByEmail: string;
                            /**
                             * Format: date-time
                             * @description its file’s first download
                             */
                            fileDownloadedAt: string | null;
                            /** @description what its file downloads as */
                            fileName: string;
                            /** @description opaque: pb_ and 20 random letters and digits */
                            id: string;
                            /** @description why the last send to PayPal failed */
                            lastError: string | null;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt: string | null;
                            payoutCount: number;
                            payouts: {
                                accountId: string;
                                /** @description euro cents */
                                amountCents: number;
                                detailsHint: string;
                                email: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                            }[];
                            /** @description PayPal’s payout_batch_id, once sent */
                            providerBatchId: string | null;
                            /** @description PayPal’s batch_status when it was sent */
                            providerStatus: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /**
                             * @description created: its file can be downloaded; sent: handed to the PayPal API; paid; cancelled
                             * @enum {string}
                             */
                            state: "created" | "sent" | "paid" | "cancelled";
                            /** @description euro cents: the sum of its payouts */
                            totalCents: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payouts by status, oldest first, their details masked */
        get: {
            parameters: {
                query?: {
                    /** @description open: requested or approved */
                    status?: "open" | "requested" | "approved" | "paid" | "rejected" | "returned";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payouts: {
                                accountId: string;
                                /** @description euro cents */
                                amountCents: number;
                                /** @description the batch (pb_…) that holds it: one still to be paid, or the one that paid it */
                                batchId: string | null;
                                /** Format: date-time */
                                decidedAt?: string | null;
                                /** @description the IBAN’s last four characters, or the masked PayPal address */
                                detailsHint: string;
                                /** @description whether the stored details decrypt (false: altered, or another key); they are shown in full only by the reveal action */
                                detailsReadable: boolean;
                                email: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                method: "paypal" | "bank_transfer";
                                /** @description the account's available balance outside any payout; negative after a clawback */
                                otherAvailableCents: number;
                                /** Format: date-time */
                                paidAt?: string | null;
                                /** @description the transfer’s reference, once paid */
                                reference?: string | null;
                                rejectReason?: string | null;
                                /** Format: date-time */
                                requestedAt: string;
                                /** Format: date-time */
                                returnedAt?: string | null;
                                /** @description why the bank or PayPal sent the payout back */
                                returnReason?: string | null;
                                /**
                                 * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                                 * @enum {string}
                                 */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                                /** @description from the request to now, or to when it was settled */
                                waitingSeconds: number;
                                /** @description set on an open payout when clawbacks since the request mean paying it in full overpays */
                                warning: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payouts/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a requested payout */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: po_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            amountCents: number;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            /** @description the IBAN’s last four characters, or the masked PayPal address */
                            detailsHint: string;
                            /** @description opaque: po_ and 20 random letters and digits */
                            id: string;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt?: string | null;
                            /** @description the transfer’s reference, once paid */
                            reference?: string | null;
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            returnedAt?: string | null;
                            /** @description why the bank or PayPal sent the payout back */
                            returnReason?: string | null;
                            /**
                             * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                             * @enum {string}
                             */
                            status: "requested" | "approved" | "paid" | "rejected" | "returned";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payouts/{id}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reveal a payout’s details in full (recorded in the audit log)
         * @description The IBAN and holder, or the PayPal address, decrypted. Each reveal is an action of its own, recorded with who and when; the queue shows only the masked hint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: po_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email?: string;
                            holderName?: string;
                            iban?: string;
                            id: string;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payouts/{id}/paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that an approved payout was sent, with the transfer’s reference */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: po_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            amountCents: number;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            /** @description the IBAN’s last four characters, or the masked PayPal address */
                            detailsHint: string;
                            /** @description opaque: po_ and 20 random letters and digits */
                            id: string;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt?: string | null;
                            /** @description the transfer’s reference, once paid */
                            reference?: string | null;
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            returnedAt?: string | null;
                            /** @description why the bank or PayPal sent the payout back */
                            returnReason?: string | null;
                            /**
                             * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                             * @enum {string}
                             */
                            status: "requested" | "approved" | "paid" | "rejected" | "returned";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payouts/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject an open payout; its amount becomes available again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: po_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            amountCents: number;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            /** @description the IBAN’s last four characters, or the masked PayPal address */
                            detailsHint: string;
                            /** @description opaque: po_ and 20 random letters and digits */
                            id: string;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt?: string | null;
                            /** @description the transfer’s reference, once paid */
                            reference?: string | null;
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            returnedAt?: string | null;
                            /** @description why the bank or PayPal sent the payout back */
                            returnReason?: string | null;
                            /**
                             * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                             * @enum {string}
                             */
                            status: "requested" | "approved" | "paid" | "rejected" | "returned";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/payouts/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that a paid payout came back; its amount becomes available again
         * @description For a transfer the bank returned or a PayPal payment that was refused or unclaimed. The ambassador sees the reason and is asked by e-mail to correct the payout details.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description opaque: po_ and 20 random letters and digits */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            amountCents: number;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            /** @description the IBAN’s last four characters, or the masked PayPal address */
                            detailsHint: string;
                            /** @description opaque: po_ and 20 random letters and digits */
                            id: string;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt?: string | null;
                            /** @description the transfer’s reference, once paid */
                            reference?: string | null;
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            returnedAt?: string | null;
                            /** @description why the bank or PayPal sent the payout back */
                            returnReason?: string | null;
                            /**
                             * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                             * @enum {string}
                             */
                            status: "requested" | "approved" | "paid" | "rejected" | "returned";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/programme": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme rules in force, their defaults, and the variable that sets each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaults: {
                                /** @description the promised time to decide an affiliate request */
                                affiliateReviewHours: number;
                                /**
                                 * @description which click wins inside the window
                                 * @enum {string}
                                 */
                                attributionModel: "first" | "last";
                                /** @description days a click is remembered for the sign-up it may lead to */
                                attributionWindowDays: number;
                                /** @description of each paid licence invoice, net of tax; 3000 is 30 % */
                                commissionRateBps: number;
                                /** @description days an earning waits before it becomes available */
                                holdDays: number;
                                /** @description paid once per referred account whose widget is installed */
                                installBountyCents: number;
                                /** @description the install bounty needs a heartbeat within this many days before its hold ends */
                                livenessDays: number;
                                /** @description the available balance a payout request needs */
                                minPayoutCents: number;
                                /** @description …coming from at least this many distinct networks */
                                qualifyMinNetworks: number;
                                /** @description distinct visitors on a public page before a widget counts as installed */
                                qualifyMinVisitors: number;
                            };
                            programme: {
                                /** @description the promised time to decide an affiliate request */
                                affiliateReviewHours: number;
                                /**
                                 * @description which click wins inside the window
                                 * @enum {string}
                                 */
                                attributionModel: "first" | "last";
                                /** @description days a click is remembered for the sign-up it may lead to */
                                attributionWindowDays: number;
                                /** @description of each paid licence invoice, net of tax; 3000 is 30 % */
                                commissionRateBps: number;
                                /** @description days an earning waits before it becomes available */
                                holdDays: number;
                                /** @description paid once per referred account whose widget is installed */
                                installBountyCents: number;
                                /** @description the install bounty needs a heartbeat within this many days before its hold ends */
                                livenessDays: number;
                                /** @description the available balance a payout request needs */
                                minPayoutCents: number;
                                /** @description …coming from at least this many distinct networks */
                                qualifyMinNetworks: number;
                                /** @description distinct visitors on a public page before a widget counts as installed */
                                qualifyMinVisitors: number;
                            };
                            /** @description the environment variable that sets each rule */
                            variables: {
                                affiliateReviewHours: string;
                                attributionModel: string;
                                attributionWindowDays: string;
                                commissionRateBps: string;
                                holdDays: string;
                                installBountyCents: string;
                                livenessDays: string;
                                minPayoutCents: string;
                                qualifyMinNetworks: string;
                                qualifyMinVisitors: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referrals by review state (flagged by default), oldest first, with what waits on hold */
        get: {
            parameters: {
                query?: {
                    review?: "none" | "flagged" | "approved" | "rejected";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the clusters the listed referrals belong to */
                            clusters: {
                                /** @description c and its first referral id: stable while that referral stays in it */
                                id: string;
                                members: {
                                    accountId: string;
                                    email: string;
                                    referralId: string | null;
                                    /** @enum {string|null} */
                                    review: "none" | "flagged" | "approved" | "rejected" | null;
                                    /** @enum {string} */
                                    role: "referrer" | "referee";
                                }[];
                                networks: {
                                    /** @description the first characters of the network’s salted hash */
                                    hash: string;
                                    /**
                                     * @description an IPv4 address, an IPv6 /64, a network compared among visitors (an IPv4 address or IPv6 /48), a sign-up address kept before networks were, or no address at all
                                     * @enum {string}
                                     */
                                    kind: "ipv4" | "ipv6_64" | "visitors" | "earlier" | "other";
                                    label: string;
                                    seen: {
                                        accountId: string;
                                        email: string;
                                        /** Format: date-time */
                                        firstSeenAt: string | null;
                                        /**
                                         * @description signed up, logged in (or both) from the network, or a visitor of its widget came from it
                                         * @enum {string}
                                         */
                                        how: "signup" | "login" | "signup_and_login" | "visitor";
                                        /** Format: date-time */
                                        lastSeenAt: string | null;
                                        /** @description log-ins from the network */
                                        logins: number;
                                        /** @description visitors: the site its widget was seen on */
                                        origin: string | null;
                                        /** @enum {string} */
                                        role: "referrer" | "referee";
                                        /**
                                         * Format: date
                                         * @description visitors: the UTC day the network was first counted, if known
                                         */
                                        seenOn: string | null;
                                    }[];
                                }[];
                                /** @description its referees’ referrals, in id order */
                                referralIds: string[];
                                referrerEmail: string;
                                referrerId: string;
                            }[];
                            referrals: {
                                /** @description the network cluster it belongs to, listed in clusters */
                                clusterId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description what bears on the referral; sign-ups and clicks are compared by salted hashes of their whole address, never the addresses */
                                evidence: {
                                    /** @description the click the referral was attributed to; null when it came by a ?ref= code alone */
                                    click: {
                                        /** Format: date-time */
                                        at: string;
                                        campaign: string | null;
                                        referringHost: string | null;
                                        widgetId: string | null;
                                    } | null;
                                    /** @description the click came from the address the referee signed up from; null without a click or an address */
                                    clickFromRefereeAddress: boolean | null;
                                    /** @description other referees of this referrer who signed up from the same address */
                                    otherRefereesSameAddress: number;
                                    referee: {
                                        /** @description its first widget that qualified as installed; null if none has */
                                        install: {
                                            /** @description what the check of its page for the snippet found; null if none was queued */
                                            check: {
                                                attempts: number;
                                                /** Format: date-time */
                                                checkedAt: string | null;
                                                detail: string | null;
                                                /** @enum {string|null} */
                                                outcome: "found" | "no_snippet" | "http_status" | "not_public" | "not_http" | "bad_url" | "dns" | "connect" | "timeout" | "too_large" | "too_many_redirects" | "no_page" | null;
                                                /** @enum {string} */
                                                state: "checking" | "found" | "not_found";
                                                /** @description the page found carrying it, or the last one fetched */
                                                url: string | null;
                                            } | null;
                                            /** Format: date-time */
                                            lastPublicPingAt: string | null;
                                            /** @description distinct networks its visitors came from, on public pages */
                                            networks: number;
                                            origin: string | null;
                                            /** Format: date-time */
                                            qualifiedAt: string;
                                            widgetId: string;
                                        } | null;
                                        /** @enum {string} */
                                        plan: "free" | "pro" | "business";
                                        /** Format: date-time */
                                        signedUpAt: string;
                                    };
                                    referrer: {
                                        /** @description its referrals waiting for review, this one included */
                                        flagged: number;
                                        /** @description all its referrals, this one included */
                                        referrals: number;
                                        /** @description its referrals rejected after review */
                                        rejected: number;
                                    };
                                    /** @description the referee signed up from the address the referrer signed up from; null if either address is unknown */
                                    referrerSameAddress: boolean | null;
                                };
                                /** @description why it waits for review: same_ip, disposable_email (at sign-up), network_cluster, install_unverified (later) */
                                flaggedReason: string | null;
                                id: string;
                                /** @description the net of its entries waiting on hold */
                                onHoldCents: number;
                                onHoldEntries: number;
                                refereeEmail: string;
                                refereeId: string;
                                referrerEmail: string;
                                referrerId: string;
                                /** @enum {string} */
                                review: "none" | "flagged" | "approved" | "rejected";
                                /** Format: date-time */
                                reviewedAt: string | null;
                                reviewNote: string | null;
                                /** @enum {string} */
                                source: "widget" | "link" | "banner" | "param";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/referrals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clear a flagged referral */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the network cluster it belongs to, listed in clusters */
                            clusterId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what bears on the referral; sign-ups and clicks are compared by salted hashes of their whole address, never the addresses */
                            evidence: {
                                /** @description the click the referral was attributed to; null when it came by a ?ref= code alone */
                                click: {
                                    /** Format: date-time */
                                    at: string;
                                    campaign: string | null;
                                    referringHost: string | null;
                                    widgetId: string | null;
                                } | null;
                                /** @description the click came from the address the referee signed up from; null without a click or an address */
                                clickFromRefereeAddress: boolean | null;
                                /** @description other referees of this referrer who signed up from the same address */
                                otherRefereesSameAddress: number;
                                referee: {
                                    /** @description its first widget that qualified as installed; null if none has */
                                    install: {
                                        /** @description what the check of its page for the snippet found; null if none was queued */
                                        check: {
                                            attempts: number;
                                            /** Format: date-time */
                                            checkedAt: string | null;
                                            detail: string | null;
                                            /** @enum {string|null} */
                                            outcome: "found" | "no_snippet" | "http_status" | "not_public" | "not_http" | "bad_url" | "dns" | "connect" | "timeout" | "too_large" | "too_many_redirects" | "no_page" | null;
                                            /** @enum {string} */
                                            state: "checking" | "found" | "not_found";
                                            /** @description the page found carrying it, or the last one fetched */
                                            url: string | null;
                                        } | null;
                                        /** Format: date-time */
                                        lastPublicPingAt: string | null;
                                        /** @description distinct networks its visitors came from, on public pages */
                                        networks: number;
                                        origin: string | null;
                                        /** Format: date-time */
                                        qualifiedAt: string;
                                        widgetId: string;
                                    } | null;
                                    /** @enum {string} */
                                    plan: "free" | "pro" | "business";
                                    /** Format: date-time */
                                    signedUpAt: string;
                                };
                                referrer: {
                                    /** @description its referrals waiting for review, this one included */
                                    flagged: number;
                                    /** @description all its referrals, this one included */
                                    referrals: number;
                                    /** @description its referrals rejected after review */
                                    rejected: number;
                                };
                                /** @description the referee signed up from the address the referrer signed up from; null if either address is unknown */
                                referrerSameAddress: boolean | null;
                            };
                            /** @description why it waits for review: same_ip, disposable_email (at sign-up), network_cluster, install_unverified (later) */
                            flaggedReason: string | null;
                            id: string;
                            /** @description the net of its entries waiting on hold */
                            onHoldCents: number;
                            onHoldEntries: number;
                            refereeEmail: string;
                            refereeId: string;
                            referrerEmail: string;
                            referrerId: string;
                            /** @enum {string} */
                            review: "none" | "flagged" | "approved" | "rejected";
                            /** Format: date-time */
                            reviewedAt: string | null;
                            reviewNote: string | null;
                            /** @enum {string} */
                            source: "widget" | "link" | "banner" | "param";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/referrals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a flagged referral: what it earned on hold is reversed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description shown to the ambassador */
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the network cluster it belongs to, listed in clusters */
                            clusterId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description what bears on the referral; sign-ups and clicks are compared by salted hashes of their whole address, never the addresses */
                            evidence: {
                                /** @description the click the referral was attributed to; null when it came by a ?ref= code alone */
                                click: {
                                    /** Format: date-time */
                                    at: string;
                                    campaign: string | null;
                                    referringHost: string | null;
                                    widgetId: string | null;
                                } | null;
                                /** @description the click came from the address the referee signed up from; null without a click or an address */
                                clickFromRefereeAddress: boolean | null;
                                /** @description other referees of this referrer who signed up from the same address */
                                otherRefereesSameAddress: number;
                                referee: {
                                    /** @description its first widget that qualified as installed; null if none has */
                                    install: {
                                        /** @description what the check of its page for the snippet found; null if none was queued */
                                        check: {
                                            attempts: number;
                                            /** Format: date-time */
                                            checkedAt: string | null;
                                            detail: string | null;
                                            /** @enum {string|null} */
                                            outcome: "found" | "no_snippet" | "http_status" | "not_public" | "not_http" | "bad_url" | "dns" | "connect" | "timeout" | "too_large" | "too_many_redirects" | "no_page" | null;
                                            /** @enum {string} */
                                            state: "checking" | "found" | "not_found";
                                            /** @description the page found carrying it, or the last one fetched */
                                            url: string | null;
                                        } | null;
                                        /** Format: date-time */
                                        lastPublicPingAt: string | null;
                                        /** @description distinct networks its visitors came from, on public pages */
                                        networks: number;
                                        origin: string | null;
                                        /** Format: date-time */
                                        qualifiedAt: string;
                                        widgetId: string;
                                    } | null;
                                    /** @enum {string} */
                                    plan: "free" | "pro" | "business";
                                    /** Format: date-time */
                                    signedUpAt: string;
                                };
                                referrer: {
                                    /** @description its referrals waiting for review, this one included */
                                    flagged: number;
                                    /** @description all its referrals, this one included */
                                    referrals: number;
                                    /** @description its referrals rejected after review */
                                    rejected: number;
                                };
                                /** @description the referee signed up from the address the referrer signed up from; null if either address is unknown */
                                referrerSameAddress: boolean | null;
                            };
                            /** @description why it waits for review: same_ip, disposable_email (at sign-up), network_cluster, install_unverified (later) */
                            flaggedReason: string | null;
                            id: string;
                            /** @description the net of its entries waiting on hold */
                            onHoldCents: number;
                            onHoldEntries: number;
                            refereeEmail: string;
                            refereeId: string;
                            referrerEmail: string;
                            referrerId: string;
                            /** @enum {string} */
                            review: "none" | "flagged" | "approved" | "rejected";
                            /** Format: date-time */
                            reviewedAt: string | null;
                            reviewNote: string | null;
                            /** @enum {string} */
                            source: "widget" | "link" | "banner" | "param";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/referrals/clusters/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clear several flagged referrals of one referrer at once (a cluster): all or none */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description rejecting: shown to the ambassador */
                        reason?: string;
                        /** @description flagged referrals of one referrer */
                        referralIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the clusters the listed referrals belong to */
                            clusters: {
                                /** @description c and its first referral id: stable while that referral stays in it */
                                id: string;
                                members: {
                                    accountId: string;
                                    email: string;
                                    referralId: string | null;
                                    /** @enum {string|null} */
                                    review: "none" | "flagged" | "approved" | "rejected" | null;
                                    /** @enum {string} */
                                    role: "referrer" | "referee";
                                }[];
                                networks: {
                                    /** @description the first characters of the network’s salted hash */
                                    hash: string;
                                    /**
                                     * @description an IPv4 address, an IPv6 /64, a network compared among visitors (an IPv4 address or IPv6 /48), a sign-up address kept before networks were, or no address at all
                                     * @enum {string}
                                     */
                                    kind: "ipv4" | "ipv6_64" | "visitors" | "earlier" | "other";
                                    label: string;
                                    seen: {
                                        accountId: string;
                                        email: string;
                                        /** Format: date-time */
                                        firstSeenAt: string | null;
                                        /**
                                         * @description signed up, logged in (or both) from the network, or a visitor of its widget came from it
                                         * @enum {string}
                                         */
                                        how: "signup" | "login" | "signup_and_login" | "visitor";
                                        /** Format: date-time */
                                        lastSeenAt: string | null;
                                        /** @description log-ins from the network */
                                        logins: number;
                                        /** @description visitors: the site its widget was seen on */
                                        origin: string | null;
                                        /** @enum {string} */
                                        role: "referrer" | "referee";
                                        /**
                                         * Format: date
                                         * @description visitors: the UTC day the network was first counted, if known
                                         */
                                        seenOn: string | null;
                                    }[];
                                }[];
                                /** @description its referees’ referrals, in id order */
                                referralIds: string[];
                                referrerEmail: string;
                                referrerId: string;
                            }[];
                            referrals: {
                                /** @description the network cluster it belongs to, listed in clusters */
                                clusterId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description what bears on the referral; sign-ups and clicks are compared by salted hashes of their whole address, never the addresses */
                                evidence: {
                                    /** @description the click the referral was attributed to; null when it came by a ?ref= code alone */
                                    click: {
                                        /** Format: date-time */
                                        at: string;
                                        campaign: string | null;
                                        referringHost: string | null;
                                        widgetId: string | null;
                                    } | null;
                                    /** @description the click came from the address the referee signed up from; null without a click or an address */
                                    clickFromRefereeAddress: boolean | null;
                                    /** @description other referees of this referrer who signed up from the same address */
                                    otherRefereesSameAddress: number;
                                    referee: {
                                        /** @description its first widget that qualified as installed; null if none has */
                                        install: {
                                            /** @description what the check of its page for the snippet found; null if none was queued */
                                            check: {
                                                attempts: number;
                                                /** Format: date-time */
                                                checkedAt: string | null;
                                                detail: string | null;
                                                /** @enum {string|null} */
                                                outcome: "found" | "no_snippet" | "http_status" | "not_public" | "not_http" | "bad_url" | "dns" | "connect" | "timeout" | "too_large" | "too_many_redirects" | "no_page" | null;
                                                /** @enum {string} */
                                                state: "checking" | "found" | "not_found";
                                                /** @description the page found carrying it, or the last one fetched */
                                                url: string | null;
                                            } | null;
                                            /** Format: date-time */
                                            lastPublicPingAt: string | null;
                                            /** @description distinct networks its visitors came from, on public pages */
                                            networks: number;
                                            origin: string | null;
                                            /** Format: date-time */
                                            qualifiedAt: string;
                                            widgetId: string;
                                        } | null;
                                        /** @enum {string} */
                                        plan: "free" | "pro" | "business";
                                        /** Format: date-time */
                                        signedUpAt: string;
                                    };
                                    referrer: {
                                        /** @description its referrals waiting for review, this one included */
                                        flagged: number;
                                        /** @description all its referrals, this one included */
                                        referrals: number;
                                        /** @description its referrals rejected after review */
                                        rejected: number;
                                    };
                                    /** @description the referee signed up from the address the referrer signed up from; null if either address is unknown */
                                    referrerSameAddress: boolean | null;
                                };
                                /** @description why it waits for review: same_ip, disposable_email (at sign-up), network_cluster, install_unverified (later) */
                                flaggedReason: string | null;
                                id: string;
                                /** @description the net of its entries waiting on hold */
                                onHoldCents: number;
                                onHoldEntries: number;
                                refereeEmail: string;
                                refereeId: string;
                                referrerEmail: string;
                                referrerId: string;
                                /** @enum {string} */
                                review: "none" | "flagged" | "approved" | "rejected";
                                /** Format: date-time */
                                reviewedAt: string | null;
                                reviewNote: string | null;
                                /** @enum {string} */
                                source: "widget" | "link" | "banner" | "param";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/referrals/clusters/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject several flagged referrals of one referrer at once (a cluster): all or none */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description rejecting: shown to the ambassador */
                        reason?: string;
                        /** @description flagged referrals of one referrer */
                        referralIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the clusters the listed referrals belong to */
                            clusters: {
                                /** @description c and its first referral id: stable while that referral stays in it */
                                id: string;
                                members: {
                                    accountId: string;
                                    email: string;
                                    referralId: string | null;
                                    /** @enum {string|null} */
                                    review: "none" | "flagged" | "approved" | "rejected" | null;
                                    /** @enum {string} */
                                    role: "referrer" | "referee";
                                }[];
                                networks: {
                                    /** @description the first characters of the network’s salted hash */
                                    hash: string;
                                    /**
                                     * @description an IPv4 address, an IPv6 /64, a network compared among visitors (an IPv4 address or IPv6 /48), a sign-up address kept before networks were, or no address at all
                                     * @enum {string}
                                     */
                                    kind: "ipv4" | "ipv6_64" | "visitors" | "earlier" | "other";
                                    label: string;
                                    seen: {
                                        accountId: string;
                                        email: string;
                                        /** Format: date-time */
                                        firstSeenAt: string | null;
                                        /**
                                         * @description signed up, logged in (or both) from the network, or a visitor of its widget came from it
                                         * @enum {string}
                                         */
                                        how: "signup" | "login" | "signup_and_login" | "visitor";
                                        /** Format: date-time */
                                        lastSeenAt: string | null;
                                        /** @description log-ins from the network */
                                        logins: number;
                                        /** @description visitors: the site its widget was seen on */
                                        origin: string | null;
                                        /** @enum {string} */
                                        role: "referrer" | "referee";
                                        /**
                                         * Format: date
                                         * @description visitors: the UTC day the network was first counted, if known
                                         */
                                        seenOn: string | null;
                                    }[];
                                }[];
                                /** @description its referees’ referrals, in id order */
                                referralIds: string[];
                                referrerEmail: string;
                                referrerId: string;
                            }[];
                            referrals: {
                                /** @description the network cluster it belongs to, listed in clusters */
                                clusterId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description what bears on the referral; sign-ups and clicks are compared by salted hashes of their whole address, never the addresses */
                                evidence: {
                                    /** @description the click the referral was attributed to; null when it came by a ?ref= code alone */
                                    click: {
                                        /** Format: date-time */
                                        at: string;
                                        campaign: string | null;
                                        referringHost: string | null;
                                        widgetId: string | null;
                                    } | null;
                                    /** @description the click came from the address the referee signed up from; null without a click or an address */
                                    clickFromRefereeAddress: boolean | null;
                                    /** @description other referees of this referrer who signed up from the same address */
                                    otherRefereesSameAddress: number;
                                    referee: {
                                        /** @description its first widget that qualified as installed; null if none has */
                                        install: {
                                            /** @description what the check of its page for the snippet found; null if none was queued */
                                            check: {
                                                attempts: number;
                                                /** Format: date-time */
                                                checkedAt: string | null;
                                                detail: string | null;
                                                /** @enum {string|null} */
                                                outcome: "found" | "no_snippet" | "http_status" | "not_public" | "not_http" | "bad_url" | "dns" | "connect" | "timeout" | "too_large" | "too_many_redirects" | "no_page" | null;
                                                /** @enum {string} */
                                                state: "checking" | "found" | "not_found";
                                                /** @description the page found carrying it, or the last one fetched */
                                                url: string | null;
                                            } | null;
                                            /** Format: date-time */
                                            lastPublicPingAt: string | null;
                                            /** @description distinct networks its visitors came from, on public pages */
                                            networks: number;
                                            origin: string | null;
                                            /** Format: date-time */
                                            qualifiedAt: string;
                                            widgetId: string;
                                        } | null;
                                        /** @enum {string} */
                                        plan: "free" | "pro" | "business";
                                        /** Format: date-time */
                                        signedUpAt: string;
                                    };
                                    referrer: {
                                        /** @description its referrals waiting for review, this one included */
                                        flagged: number;
                                        /** @description all its referrals, this one included */
                                        referrals: number;
                                        /** @description its referrals rejected after review */
                                        rejected: number;
                                    };
                                    /** @description the referee signed up from the address the referrer signed up from; null if either address is unknown */
                                    referrerSameAddress: boolean | null;
                                };
                                /** @description why it waits for review: same_ip, disposable_email (at sign-up), network_cluster, install_unverified (later) */
                                flaggedReason: string | null;
                                id: string;
                                /** @description the net of its entries waiting on hold */
                                onHoldCents: number;
                                onHoldEntries: number;
                                refereeEmail: string;
                                refereeId: string;
                                referrerEmail: string;
                                referrerId: string;
                                /** @enum {string} */
                                review: "none" | "flagged" | "approved" | "rejected";
                                /** Format: date-time */
                                reviewedAt: string | null;
                                reviewNote: string | null;
                                /** @enum {string} */
                                source: "widget" | "link" | "banner" | "param";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/waiting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How much waits for the operator in each queue */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            affiliate: {
                                /** @description of those, waiting longer than the review promise */
                                overdue: number;
                                /** @description requests waiting for a decision */
                                requested: number;
                            };
                            payouts: {
                                /** @description approved, to send and mark paid */
                                approved: number;
                                /** @description to approve or reject */
                                requested: number;
                            };
                            referrals: {
                                /** @description flagged, waiting for review */
                                flagged: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/affiliate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My affiliate platform access: request status, review deadline, API keys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            decidedAt?: string | null;
                            /** @description only once approved; never the secrets */
                            keys: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description public; the key reads cbk_<id>_<secret> */
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description the last authenticated request, to the minute
                                 */
                                lastUsedAt?: string | null;
                                /** @description what its owner called it */
                                name: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                            message?: string | null;
                            /** @description the review promise: a decision within this many hours */
                            promiseHours: number;
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt?: string | null;
                            /**
                             * Format: date-time
                             * @description requestedAt plus the review promise
                             */
                            reviewDueAt?: string | null;
                            /** @enum {string} */
                            status: "none" | "requested" | "approved" | "rejected" | "withdrawn";
                            /** Format: date-time */
                            withdrawnAt?: string | null;
                            /** @description why the operator withdrew an approved access */
                            withdrawReason?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/affiliate/banners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Banners to paste on a site: hosted images linked to my referral link (src=banner) */
        get: {
            parameters: {
                query?: {
                    /** @description a campaign name for the links: letters, digits, ".", "_" or "-", at most 64 */
                    campaign?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            banners: {
                                height: number;
                                /** @description the image inside the link, ready to paste */
                                html: string;
                                /** @description <width>x<height> */
                                id: string;
                                /** @description the hosted SVG */
                                imageUrl: string;
                                /** @description the referral link, src=banner */
                                linkUrl: string;
                                name: string;
                                width: number;
                            }[];
                            campaign: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/affiliate/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue an API key; its secret is shown in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description where the key is used, to tell keys apart */
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description public; the key reads cbk_<id>_<secret> */
                            id: string;
                            /** @description shown once */
                            key: string;
                            /**
                             * Format: date-time
                             * @description the last authenticated request, to the minute
                             */
                            lastUsedAt?: string | null;
                            /** @description what its owner called it */
                            name?: string | null;
                            /** Format: date-time */
                            revokedAt?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/affiliate/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my API keys */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description public; the key reads cbk_<id>_<secret> */
                            id: string;
                            /**
                             * Format: date-time
                             * @description the last authenticated request, to the minute
                             */
                            lastUsedAt?: string | null;
                            /** @description what its owner called it */
                            name: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/affiliate/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request access to the affiliate platform */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description why you want access */
                        message?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            decidedAt?: string | null;
                            /** @description only once approved; never the secrets */
                            keys: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description public; the key reads cbk_<id>_<secret> */
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description the last authenticated request, to the minute
                                 */
                                lastUsedAt?: string | null;
                                /** @description what its owner called it */
                                name: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                            message?: string | null;
                            /** @description the review promise: a decision within this many hours */
                            promiseHours: number;
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt?: string | null;
                            /**
                             * Format: date-time
                             * @description requestedAt plus the review promise
                             */
                            reviewDueAt?: string | null;
                            /** @enum {string} */
                            status: "none" | "requested" | "approved" | "rejected" | "withdrawn";
                            /** Format: date-time */
                            withdrawnAt?: string | null;
                            /** @description why the operator withdrew an approved access */
                            withdrawReason?: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/affiliate/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My affiliate statistics for the dashboard (session): the same as /api/affiliate/v1/stats */
        get: {
            parameters: {
                query?: {
                    /** @description how many days end at to, when from is not given (default 30) */
                    days?: number;
                    format?: "json" | "csv";
                    /** @description YYYY-MM-DD, default `days` days ending at to */
                    from?: string;
                    groupBy?: "source" | "campaign" | "widget";
                    /** @description YYYY-MM-DD, default today (UTC) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date
                             * @description the first day, included
                             */
                            from: string;
                            /** @enum {string|null} */
                            groupBy: "source" | "campaign" | "widget" | null;
                            /** @description busiest first (every source, in a fixed order, for source); empty without groupBy */
                            groups: {
                                /** @description null: no campaign, or no widget */
                                key: string | null;
                                /** @description one entry per day of the range, zeros included */
                                series: {
                                    /** @description install bounties written, minus their reversals and clawbacks written */
                                    bountyCents: number;
                                    /** @description referral-link clicks, bots excluded */
                                    clicks: number;
                                    /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                    commissionCents: number;
                                    /** Format: date */
                                    day: string;
                                    /** @description referees whose first widget qualified as installed */
                                    installs: number;
                                    /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                    payingCustomers: number;
                                    /** @description referred accounts created */
                                    signups: number;
                                    /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                    uniqueClicks: number;
                                }[];
                                totals: {
                                    /** @description install bounties written, minus their reversals and clawbacks written */
                                    bountyCents: number;
                                    /** @description referral-link clicks, bots excluded */
                                    clicks: number;
                                    /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                    commissionCents: number;
                                    /** @description referees whose first widget qualified as installed */
                                    installs: number;
                                    /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                    payingCustomers: number;
                                    /** @description referred accounts created */
                                    signups: number;
                                    /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                    uniqueClicks: number;
                                };
                            }[];
                            /** @description groups beyond the first 100 (the least active), left out */
                            omittedGroups: number;
                            /** @description one entry per day of the range, zeros included */
                            series: {
                                /** @description install bounties written, minus their reversals and clawbacks written */
                                bountyCents: number;
                                /** @description referral-link clicks, bots excluded */
                                clicks: number;
                                /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                commissionCents: number;
                                /** Format: date */
                                day: string;
                                /** @description referees whose first widget qualified as installed */
                                installs: number;
                                /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                payingCustomers: number;
                                /** @description referred accounts created */
                                signups: number;
                                /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                uniqueClicks: number;
                            }[];
                            /**
                             * Format: date
                             * @description the last day, included
                             */
                            to: string;
                            /** @description the whole range; distinct counts are distinct over it */
                            totals: {
                                /** @description install bounties written, minus their reversals and clawbacks written */
                                bountyCents: number;
                                /** @description referral-link clicks, bots excluded */
                                clicks: number;
                                /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                commissionCents: number;
                                /** @description referees whose first widget qualified as installed */
                                installs: number;
                                /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                payingCustomers: number;
                                /** @description referred accounts created */
                                signups: number;
                                /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                uniqueClicks: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/affiliate/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Advanced statistics per UTC day, optionally grouped; JSON or CSV (format=csv or Accept: text/csv) */
        get: {
            parameters: {
                query?: {
                    /** @description how many days end at to, when from is not given (default 30) */
                    days?: number;
                    format?: "json" | "csv";
                    /** @description YYYY-MM-DD, default `days` days ending at to */
                    from?: string;
                    groupBy?: "source" | "campaign" | "widget";
                    /** @description YYYY-MM-DD, default today (UTC) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date
                             * @description the first day, included
                             */
                            from: string;
                            /** @enum {string|null} */
                            groupBy: "source" | "campaign" | "widget" | null;
                            /** @description busiest first (every source, in a fixed order, for source); empty without groupBy */
                            groups: {
                                /** @description null: no campaign, or no widget */
                                key: string | null;
                                /** @description one entry per day of the range, zeros included */
                                series: {
                                    /** @description install bounties written, minus their reversals and clawbacks written */
                                    bountyCents: number;
                                    /** @description referral-link clicks, bots excluded */
                                    clicks: number;
                                    /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                    commissionCents: number;
                                    /** Format: date */
                                    day: string;
                                    /** @description referees whose first widget qualified as installed */
                                    installs: number;
                                    /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                    payingCustomers: number;
                                    /** @description referred accounts created */
                                    signups: number;
                                    /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                    uniqueClicks: number;
                                }[];
                                totals: {
                                    /** @description install bounties written, minus their reversals and clawbacks written */
                                    bountyCents: number;
                                    /** @description referral-link clicks, bots excluded */
                                    clicks: number;
                                    /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                    commissionCents: number;
                                    /** @description referees whose first widget qualified as installed */
                                    installs: number;
                                    /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                    payingCustomers: number;
                                    /** @description referred accounts created */
                                    signups: number;
                                    /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                    uniqueClicks: number;
                                };
                            }[];
                            /** @description groups beyond the first 100 (the least active), left out */
                            omittedGroups: number;
                            /** @description one entry per day of the range, zeros included */
                            series: {
                                /** @description install bounties written, minus their reversals and clawbacks written */
                                bountyCents: number;
                                /** @description referral-link clicks, bots excluded */
                                clicks: number;
                                /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                commissionCents: number;
                                /** Format: date */
                                day: string;
                                /** @description referees whose first widget qualified as installed */
                                installs: number;
                                /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                payingCustomers: number;
                                /** @description referred accounts created */
                                signups: number;
                                /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                uniqueClicks: number;
                            }[];
                            /**
                             * Format: date
                             * @description the last day, included
                             */
                            to: string;
                            /** @description the whole range; distinct counts are distinct over it */
                            totals: {
                                /** @description install bounties written, minus their reversals and clawbacks written */
                                bountyCents: number;
                                /** @description referral-link clicks, bots excluded */
                                clicks: number;
                                /** @description recurring commissions written, minus their reversals and clawbacks, plus what won disputes gave back (may be negative) */
                                commissionCents: number;
                                /** @description referees whose first widget qualified as installed */
                                installs: number;
                                /** @description distinct referees with a paid invoice above zero, distinct within the cell */
                                payingCustomers: number;
                                /** @description referred accounts created */
                                signups: number;
                                /** @description distinct addresses among those clicks, distinct within the cell (day, group or range) */
                                uniqueClicks: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who a signup from this browser would be referred by, as signup would decide it */
        get: {
            parameters: {
                query?: {
                    /** @description the `ref` the landing page got */
                    ref?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invitation: {
                                referralCode: string;
                                /** @description the ambassador, masked: an***@example.com */
                                referrer: string;
                                /**
                                 * Format: date-time
                                 * @description when the cookie expires
                                 */
                                validUntil: string | null;
                                /** @enum {string} */
                                via: "cookie" | "param";
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                        /** @description the referral code from the landing page, if any */
                        ref?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                email: string;
                                /** @description the owner followed the link sent to the address */
                                emailVerified: boolean;
                                id: string;
                                /** @enum {string} */
                                plan: "free" | "pro" | "business";
                                referralCode: string;
                                /** @enum {string} */
                                role: "user" | "admin";
                            };
                            csrfToken: string;
                            /** @description this server runs the demo (CALLBELL_DEMO): demo sites, the demo console */
                            demo?: boolean;
                            referred?: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                email: string;
                                /** @description the owner followed the link sent to the address */
                                emailVerified: boolean;
                                id: string;
                                /** @enum {string} */
                                plan: "free" | "pro" | "business";
                                referralCode: string;
                                /** @enum {string} */
                                role: "user" | "admin";
                            };
                            csrfToken: string;
                            /** @description this server runs the demo (CALLBELL_DEMO): demo sites, the demo console */
                            demo?: boolean;
                            referred?: boolean;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a password reset link to this address, if an account uses it
         * @description Answers 202 whether or not an account uses the address, so it tells no one which addresses have accounts.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose a new password with a reset link’s token; logs in, and out everywhere else */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                email: string;
                                /** @description the owner followed the link sent to the address */
                                emailVerified: boolean;
                                id: string;
                                /** @enum {string} */
                                plan: "free" | "pro" | "business";
                                referralCode: string;
                                /** @enum {string} */
                                role: "user" | "admin";
                            };
                            csrfToken: string;
                            /** @description this server runs the demo (CALLBELL_DEMO): demo sites, the demo console */
                            demo?: boolean;
                            referred?: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (with its referral code and first widget) and log in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                        /** @description the referral code from the landing page, if any */
                        ref?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                email: string;
                                /** @description the owner followed the link sent to the address */
                                emailVerified: boolean;
                                id: string;
                                /** @enum {string} */
                                plan: "free" | "pro" | "business";
                                referralCode: string;
                                /** @enum {string} */
                                role: "user" | "admin";
                            };
                            csrfToken: string;
                            /** @description this server runs the demo (CALLBELL_DEMO): demo sites, the demo console */
                            demo?: boolean;
                            referred?: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the account’s e-mail address with the token its link carries
         * @description No session needed: the link may be opened in another browser. 400 when the link is unknown, used, expired or for an old address.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/verify/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the confirmation link again (to the account’s address) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sentTo: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe webhook (signed): invoices, refunds, disputes, subscriptions */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "stripe-signature"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventId?: string;
                            /** @enum {string} */
                            outcome: "applied" | "duplicate" | "ignored" | "unmatched";
                            received: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/email/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whom an unsubscribe link is for, and whether it still gets programme news */
        get: {
            parameters: {
                query?: {
                    token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            earnings: boolean;
                            /** @description masked */
                            email: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Stop the programme news (one click, from the e-mail): no session needed, the token decides */
        post: {
            parameters: {
                query?: {
                    token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "List-Unsubscribe"?: string;
                        token?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            earnings: boolean;
                            /** @description masked */
                            email: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s payouts, newest first, and what it can request now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            availableCents: number;
                            /** @description euro cents */
                            minPayoutCents: number;
                            payouts: {
                                /** @description euro cents */
                                amountCents: number;
                                /** Format: date-time */
                                decidedAt?: string | null;
                                /** @description the IBAN’s last four characters, or the masked PayPal address */
                                detailsHint: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                method: "paypal" | "bank_transfer";
                                /** Format: date-time */
                                paidAt?: string | null;
                                /** @description the transfer’s reference, once paid */
                                reference?: string | null;
                                rejectReason?: string | null;
                                /** Format: date-time */
                                requestedAt: string;
                                /** Format: date-time */
                                returnedAt?: string | null;
                                /** @description why the bank or PayPal sent the payout back */
                                returnReason?: string | null;
                                /**
                                 * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                                 * @enum {string}
                                 */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Request the whole available balance as a payout
         * @description Send expectedAmountCents, the amount shown when the ambassador confirmed: a request that would pay another amount is refused (409 amount_changed) and nothing is written. The account’s address must be confirmed first (403 email_unverified).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description PayPal: the account’s e-mail */
                        email?: string;
                        /** @description the amount the ambassador confirmed; if the request would pay another, it is refused with 409 amount_changed */
                        expectedAmountCents?: number;
                        /** @description bank transfer: the account holder */
                        holderName?: string;
                        /** @description bank transfer: spaces allowed */
                        iban?: string;
                        /** @enum {string} */
                        method: "paypal" | "bank_transfer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description euro cents */
                            amountCents: number;
                            /** Format: date-time */
                            decidedAt?: string | null;
                            /** @description the IBAN’s last four characters, or the masked PayPal address */
                            detailsHint: string;
                            /** @description opaque: po_ and 20 random letters and digits */
                            id: string;
                            /** @enum {string} */
                            method: "paypal" | "bank_transfer";
                            /** Format: date-time */
                            paidAt?: string | null;
                            /** @description the transfer’s reference, once paid */
                            reference?: string | null;
                            rejectReason?: string | null;
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            returnedAt?: string | null;
                            /** @description why the bank or PayPal sent the payout back */
                            returnReason?: string | null;
                            /**
                             * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                             * @enum {string}
                             */
                            status: "requested" | "approved" | "paid" | "rejected" | "returned";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s plan, the plans on offer and the subscription as billing recorded it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whether the account has a billing customer the portal can show */
                            canManageBilling: boolean;
                            /** @enum {string} */
                            plan: "free" | "pro" | "business";
                            plans: {
                                /** @enum {string} */
                                currency: "eur";
                                gives: string[];
                                /** @description whether the owner may hide the “⚡ by Callbell” footer */
                                hidesFooter: boolean;
                                /** @enum {string} */
                                id: "free" | "pro" | "business";
                                /** @enum {string} */
                                interval: "month";
                                name: string;
                                /** @description a month; null when Stripe has no price for it */
                                priceCents: number | null;
                            }[];
                            /**
                             * @description who sells plans here; null when nothing can be bought (production without a Stripe key)
                             * @enum {string|null}
                             */
                            provider: "stripe" | "demo" | null;
                            /** @description the latest subscription as the webhook recorded it, or null if there never was one */
                            subscription: {
                                /** Format: date-time */
                                endedAt: string | null;
                                /** @enum {string} */
                                plan: "free" | "pro" | "business";
                                /** Format: date-time */
                                startedAt: string | null;
                                /** @description Stripe’s status: active, trialing, past_due, canceled, … */
                                status: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start buying a paid plan: answers the checkout page to send the person to
         * @description Stripe Checkout with a Stripe key; the dashboard’s demo checkout page otherwise. 409 already_on_plan, 409 change_in_portal (another paid plan is running: change it in the billing portal), 503 when nothing can be bought here.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        plan: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan/demo/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Demo provider: cancel the running subscription now, as the billing portal would */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            plan: "free" | "pro" | "business";
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan/demo/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Demo provider: pay a checkout session (no money moves)
         * @description Verifies the signed session, then delivers the customer, subscription and paid invoice events a real checkout would, signed, through POST /api/billing/stripe; answers once they are applied. Paying one session again changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        session: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyPaid: boolean;
                            /** @enum {string} */
                            plan: "free" | "pro" | "business";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan/demo/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Demo provider: what a checkout session sells, once its signature is verified */
        get: {
            parameters: {
                query: {
                    session: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            name: string;
                            /** @enum {string} */
                            plan: "free" | "pro" | "business";
                            /** @description euro cents */
                            priceCents: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open the billing portal: answers its URL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referral link, terms, stats, balances and payouts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                /** @description euro cents */
                                availableCents: number;
                                /** @description euro cents */
                                clawedBackCents: number;
                                /** @description euro cents */
                                onHoldCents: number;
                                /** @description euro cents */
                                paidCents: number;
                                /** @description euro cents */
                                pendingCents: number;
                                /** @description euro cents */
                                processingCents: number;
                                /** @description euro cents given back by won disputes */
                                reinstatedCents: number;
                                /** @description euro cents */
                                reversedCents: number;
                            };
                            payout: {
                                canRequest: boolean;
                                /** @description how much more must become available first */
                                missingCents: number;
                                /** @description a request is already being processed */
                                openPayout: boolean;
                            };
                            payouts: {
                                /** @description euro cents */
                                amountCents: number;
                                /** Format: date-time */
                                decidedAt?: string | null;
                                /** @description the IBAN’s last four characters, or the masked PayPal address */
                                detailsHint: string;
                                /** @description opaque: po_ and 20 random letters and digits */
                                id: string;
                                /** @enum {string} */
                                method: "paypal" | "bank_transfer";
                                /** Format: date-time */
                                paidAt?: string | null;
                                /** @description the transfer’s reference, once paid */
                                reference?: string | null;
                                rejectReason?: string | null;
                                /** Format: date-time */
                                requestedAt: string;
                                /** Format: date-time */
                                returnedAt?: string | null;
                                /** @description why the bank or PayPal sent the payout back */
                                returnReason?: string | null;
                                /**
                                 * @description returned: paid, then sent back by the bank or PayPal; the amount is available again
                                 * @enum {string}
                                 */
                                status: "requested" | "approved" | "paid" | "rejected" | "returned";
                            }[];
                            referralCode: string;
                            referralLink: string;
                            stats: {
                                /** @description bots left out; unique by visitor network */
                                clicks: {
                                    last30Days: number;
                                    total: number;
                                    unique: number;
                                    uniqueLast30Days: number;
                                };
                                /** @description referees whose widget qualified as installed */
                                installs: number;
                                /** @description referees with at least one paid invoice */
                                payingCustomers: number;
                                signups: number;
                            };
                            /** @description the programme’s terms today; each referral keeps the terms of its signup */
                            terms: {
                                /** @description basis points: 3000 is 30 % */
                                commissionRateBps: number;
                                holdDays: number;
                                /** @description euro cents */
                                installBountyCents: number;
                                /** @description euro cents */
                                minPayoutCents: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rewards/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ledger entries with their reasons, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description the last id of the previous page (its nextBefore) */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                /** @description euro cents */
                                amountCents: number;
                                /** Format: date-time */
                                availableAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** Format: date-time */
                                holdUntil: string | null;
                                /** @description opaque: le_ and 20 random letters and digits */
                                id: string;
                                invoiceId: string | null;
                                /** @enum {string} */
                                kind: "install_bounty" | "commission" | "reversal" | "clawback" | "reinstatement";
                                /** @description the public id of the entry this one takes back from */
                                parentId: string | null;
                                /** @description the public id of the payout that holds or paid the entry */
                                payoutId: string | null;
                                reason: string | null;
                                /** @description the referee, masked */
                                referee: string | null;
                                /** @enum {string} */
                                state: "pending" | "on_hold" | "available" | "paid" | "reversed";
                                widgetId: string | null;
                            }[];
                            /** @description pass as `before` for the next page; null on the last */
                            nextBefore: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rewards/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The accounts this ambassador referred, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description the last id of the previous page (its nextBefore) */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextBefore: string | null;
                            referees: {
                                campaign: string | null;
                                /** @description net: reversals and clawbacks subtracted, reinstatements added */
                                earnedCents: number;
                                /** @description masked: an***@example.com */
                                email: string;
                                /** @description opaque: rf_ and 20 random letters and digits */
                                id: string;
                                installed: boolean;
                                paying: boolean;
                                /** @enum {string} */
                                review: "none" | "flagged" | "approved" | "rejected";
                                /** Format: date-time */
                                signedUpAt: string;
                                /** @enum {string} */
                                source: "widget" | "link" | "banner" | "param";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/widgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's widgets, with their snippet, footer and installation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            widgets?: {
                                agent?: {
                                    avatarUrl?: string | null;
                                    name?: string;
                                };
                                allowedDomains?: string[];
                                appearance?: {
                                    color?: string;
                                    label?: string | null;
                                    position?: string;
                                };
                                /** @description the footer the public config shows right now */
                                branding?: {
                                    href?: string;
                                    label?: string;
                                    show?: boolean;
                                };
                                channels?: {
                                    address?: string;
                                    number?: string;
                                    page?: string;
                                    phone?: string;
                                    subject?: string;
                                    text?: string;
                                    type: string;
                                    username?: string;
                                }[];
                                /** Format: date-time */
                                createdAt?: string;
                                greeting?: string;
                                /** @description the owner’s choice; only a paid plan hides the footer */
                                hideBranding?: boolean;
                                id?: string;
                                install?: {
                                    /** Format: date-time */
                                    lastPingAt?: string | null;
                                    qualified?: boolean;
                                    /** Format: date-time */
                                    qualifiedAt?: string | null;
                                    qualifiedOrigin?: string | null;
                                };
                                /** @description the tag to paste into the site */
                                snippet?: string;
                                /** Format: date-time */
                                updatedAt?: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create a widget (default settings for what is not sent; at most 20) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agent?: {
                            avatarUrl?: string | null;
                            name: string;
                        };
                        /** @description hosts pings may come from (empty: any): shop.example.com, or *.example.com for its subdomains */
                        allowedDomains?: string[];
                        appearance?: {
                            color: string;
                            label?: string | null;
                            /** @enum {unknown} */
                            position: "left" | "right";
                        };
                        channels?: ({
                            phone: string;
                            text?: string;
                            /** @enum {unknown} */
                            type: "whatsapp";
                        } | {
                            page: string;
                            /** @enum {unknown} */
                            type: "messenger";
                        } | {
                            /** @enum {unknown} */
                            type: "telegram";
                            username: string;
                        } | {
                            /** @enum {unknown} */
                            type: "instagram";
                            username: string;
                        } | {
                            address: string;
                            subject?: string;
                            /** @enum {unknown} */
                            type: "email";
                        } | {
                            number: string;
                            /** @enum {unknown} */
                            type: "phone";
                        })[];
                        greeting?: string;
                        /** @description hide the footer (Pro and Business plans) */
                        hideBranding?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent?: {
                                avatarUrl?: string | null;
                                name?: string;
                            };
                            allowedDomains?: string[];
                            appearance?: {
                                color?: string;
                                label?: string | null;
                                position?: string;
                            };
                            /** @description the footer the public config shows right now */
                            branding?: {
                                href?: string;
                                label?: string;
                                show?: boolean;
                            };
                            channels?: {
                                address?: string;
                                number?: string;
                                page?: string;
                                phone?: string;
                                subject?: string;
                                text?: string;
                                type: string;
                                username?: string;
                            }[];
                            /** Format: date-time */
                            createdAt?: string;
                            greeting?: string;
                            /** @description the owner’s choice; only a paid plan hides the footer */
                            hideBranding?: boolean;
                            id?: string;
                            install?: {
                                /** Format: date-time */
                                lastPingAt?: string | null;
                                qualified?: boolean;
                                /** Format: date-time */
                                qualifiedAt?: string | null;
                                qualifiedOrigin?: string | null;
                            };
                            /** @description the tag to paste into the site */
                            snippet?: string;
                            /** Format: date-time */
                            updatedAt?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/widgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the account’s widgets */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent?: {
                                avatarUrl?: string | null;
                                name?: string;
                            };
                            allowedDomains?: string[];
                            appearance?: {
                                color?: string;
                                label?: string | null;
                                position?: string;
                            };
                            /** @description the footer the public config shows right now */
                            branding?: {
                                href?: string;
                                label?: string;
                                show?: boolean;
                            };
                            channels?: {
                                address?: string;
                                number?: string;
                                page?: string;
                                phone?: string;
                                subject?: string;
                                text?: string;
                                type: string;
                                username?: string;
                            }[];
                            /** Format: date-time */
                            createdAt?: string;
                            greeting?: string;
                            /** @description the owner’s choice; only a paid plan hides the footer */
                            hideBranding?: boolean;
                            id?: string;
                            install?: {
                                /** Format: date-time */
                                lastPingAt?: string | null;
                                qualified?: boolean;
                                /** Format: date-time */
                                qualifiedAt?: string | null;
                                qualifiedOrigin?: string | null;
                            };
                            /** @description the tag to paste into the site */
                            snippet?: string;
                            /** Format: date-time */
                            updatedAt?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a widget: the fields sent replace the stored ones
         * @description Takes effect in the public config at once (its ETag changes; caches keep the old one up to its max-age of 60 s). New allowed domains apply to pings on this instance at once, on other instances within 60 s.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agent?: {
                            avatarUrl?: string | null;
                            name: string;
                        };
                        /** @description hosts pings may come from (empty: any): shop.example.com, or *.example.com for its subdomains */
                        allowedDomains?: string[];
                        appearance?: {
                            color: string;
                            label?: string | null;
                            /** @enum {unknown} */
                            position: "left" | "right";
                        };
                        channels?: ({
                            phone: string;
                            text?: string;
                            /** @enum {unknown} */
                            type: "whatsapp";
                        } | {
                            page: string;
                            /** @enum {unknown} */
                            type: "messenger";
                        } | {
                            /** @enum {unknown} */
                            type: "telegram";
                            username: string;
                        } | {
                            /** @enum {unknown} */
                            type: "instagram";
                            username: string;
                        } | {
                            address: string;
                            subject?: string;
                            /** @enum {unknown} */
                            type: "email";
                        } | {
                            number: string;
                            /** @enum {unknown} */
                            type: "phone";
                        })[];
                        greeting?: string;
                        /** @description hide the footer (Pro and Business plans) */
                        hideBranding?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent?: {
                                avatarUrl?: string | null;
                                name?: string;
                            };
                            allowedDomains?: string[];
                            appearance?: {
                                color?: string;
                                label?: string | null;
                                position?: string;
                            };
                            /** @description the footer the public config shows right now */
                            branding?: {
                                href?: string;
                                label?: string;
                                show?: boolean;
                            };
                            channels?: {
                                address?: string;
                                number?: string;
                                page?: string;
                                phone?: string;
                                subject?: string;
                                text?: string;
                                type: string;
                                username?: string;
                            }[];
                            /** Format: date-time */
                            createdAt?: string;
                            greeting?: string;
                            /** @description the owner’s choice; only a paid plan hides the footer */
                            hideBranding?: boolean;
                            id?: string;
                            install?: {
                                /** Format: date-time */
                                lastPingAt?: string | null;
                                qualified?: boolean;
                                /** Format: date-time */
                                qualifiedAt?: string | null;
                                qualifiedOrigin?: string | null;
                            };
                            /** @description the tag to paste into the site */
                            snippet?: string;
                            /** Format: date-time */
                            updatedAt?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/widgets/{id}/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the widget counts as installed, and why or why not */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            explanation?: string;
                            /** Format: date-time */
                            lastPingAt?: string | null;
                            minVisitors?: number;
                            nextStep?: string | null;
                            origins?: {
                                allowed?: boolean;
                                /**
                                 * Format: date
                                 * @description the last UTC day a visitor was seen here
                                 */
                                lastSeenOn?: string;
                                /** @description distinct networks counted toward qualification */
                                networks?: number;
                                origin?: string;
                                publicOrigin?: boolean;
                                /** @description visitor-days in the last 30 days (a visitor seen on three days counts three) */
                                visitorDays30d?: number;
                                /** @description distinct visitors counted toward qualification; counting stops once the widget qualifies */
                                visitors?: number;
                            }[];
                            qualified?: boolean;
                            /** Format: date-time */
                            qualifiedAt?: string | null;
                            qualifiedOrigin?: string | null;
                            /** @enum {string} */
                            state?: "qualified" | "no_pings" | "private_only" | "not_allowed" | "counting" | "enough_visitors";
                            /** @description whether the page the widget qualified on was found carrying its snippet */
                            verification?: {
                                /** @description tries so far (four at most) */
                                attempts: number;
                                /** Format: date-time */
                                checkedAt: string | null;
                                /** @description the page the last try fetched */
                                checkedUrl: string | null;
                                explanation: string;
                                /** @description the page found carrying the snippet */
                                foundUrl: string | null;
                                /** Format: date-time */
                                nextCheckAt: string | null;
                                nextStep: string | null;
                                /** @enum {string} */
                                state: "not_checked" | "checking" | "found" | "not_found";
                            };
                            widgetId?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and the state of each dependency */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            database?: string;
                            /** @description Each dependency: up, down, or not configured */
                            dependencies?: {
                                /** @enum {string} */
                                database?: "up" | "down";
                                /** @enum {string} */
                                redis?: "up" | "down" | "not configured";
                            };
                            /** @enum {string} */
                            status?: "ok" | "degraded";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Each dependency: up, down, or not configured */
                            dependencies?: {
                                /** @enum {string} */
                                database?: "up" | "down";
                                /** @enum {string} */
                                redis?: "up" | "down" | "not configured";
                            };
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/r/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow a referral link */
        get: {
            parameters: {
                query?: {
                    /** @description campaign */
                    c?: unknown;
                    /** @description widget, link or banner */
                    src?: unknown;
                    /** @description widget id, for footer clicks */
                    w?: unknown;
                };
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Redirect to the landing page */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report that a widget is installed or alive */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        brandingTampered?: boolean;
                        /** @enum {unknown} */
                        kind: "install" | "heartbeat";
                        sdkVersion: string;
                        url: string;
                        visitorId: string;
                        widgetId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/widgets/{widgetId}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A widget's public config */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    widgetId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ApiError */
        "def-0": {
            error: string;
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
