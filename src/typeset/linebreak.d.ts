declare module 'linebreak' {
  interface Break { position: number; required: boolean }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
    /**
     * The UAX #14 class of the next character, as resolved by LB1 (numbered in linebreak's order).
     * Not in linebreak's readme; it is the method its own algorithm uses (dist/module.mjs).
     */
    nextCharClass(): number;
  }
}
