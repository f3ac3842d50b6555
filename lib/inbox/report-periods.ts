// The response-time report's periods, in days. Apart from schemas.ts (zod) so the report page's
// period picker does not bring zod to the browser.
export const REPORT_PERIODS = [7, 30, 90] as const;
