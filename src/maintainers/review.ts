/** An answer not checked against its source for longer than this is listed for review (intents:check, console). */
export const REVIEW_MONTHS = 12;
