/**
 * A paragraph whose last line is a lone fragment (「と」 under a full line) reads as a mistake: where
 * the line before can give up a few characters, they move down so the last line has at least
 * `shortest` of them. The lines are re-broken by the same 禁則 rules, only narrower, so nothing
 * the line breaker forbids can come of it.
 */
import { breakLines, splitGraphemes, type Measure } from './kinsoku.js';

export function breakLinesBalanced(text: string, maxWidth: number, measure: Measure, firstIndent: number, shortest: number): string[] {
  const lines: string[] = [];
  text.split('\n').forEach((segment, i) => {
    const indent = i === 0 ? firstIndent : 0;
    lines.push(...balanceSegment(segment, breakLines(segment, maxWidth, measure, indent), measure, indent, shortest));
  });
  return lines;
}

function balanceSegment(segment: string, lines: string[], measure: Measure, firstIndent: number, shortest: number): string[] {
  const n = lines.length;
  if (n < 2 || splitGraphemes(lines[n - 1]).length >= shortest) return lines;
  // Where the second-last line starts in the segment: the lines are the segment's text in order.
  let from = 0;
  for (let i = 0; i < n - 2; i++) from = segment.indexOf(lines[i], from) + lines[i].length;
  const start = segment.indexOf(lines[n - 2], from);
  if (start < 0) return lines;
  const tail = segment.slice(start);
  const indent = n === 2 ? firstIndent : 0;
  const previous = splitGraphemes(lines[n - 2]);
  // Give up one character of the line before at a time, at most as many as the last line lacks and two more.
  for (let given = 1; given <= shortest + 2 && given < previous.length - shortest; given++) {
    // Summed in the order the line breaker sums, so the kept characters fit exactly.
    let width = indent;
    for (let g = 0; g < previous.length - given; g++) width += measure(previous[g]);
    const rebroken = breakLines(tail, width, measure, indent);
    if (rebroken.length === 2 && splitGraphemes(rebroken[1]).length >= shortest) return [...lines.slice(0, n - 2), ...rebroken];
    if (rebroken.length > 2) break;
  }
  return lines;
}
