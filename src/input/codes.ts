/**
 * The codes of the warnings the input layer raises about how a case was read (a value cut short
 * by ` #`, yen written with a point): what a case may list under `acknowledged`, beside its form's.
 */
export const INPUT_CODES = { yenPoint: 'input.yen-point', comment: 'input.comment-in-value' } as const;
