/** Which of the two rulings fits a case (issue 16 §2): 67条 for a holder who cannot be found, 67条の3 for one who is silent. */
/**
 * Whether a 67条 record's follow-up says the holder was reached and did not answer (「連絡したが回答が
 * なかった」) — then the holder is not unknown but silent, which is the 67条の3 ruling's case — and not
 * that the message never arrived (返送, 宛先不明, 不通: the holder still cannot be reached, 67条's case).
 */
export function reachedButSilent(followUp: string): boolean {
  if (/返送|宛先不明|宛所|不通|使われていな|届かな|不達|エラー/.test(followUp)) return false;
  return /(回答|返信|返答|応答|返事)[^。]*?(なかった|ない|無かった|無い|得られなかった|得られず|なし|無し)/.test(followUp);
}
