declare module 'subset-font' {
  interface Options {
    targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2';
    noLayoutClosure?: boolean;
    noHinting?: boolean;
    preserveNameIds?: number[];
  }
  /** A subset of the font that draws the characters of `text`, made by harfbuzz's hb-subset (wasm). */
  export default function subsetFont(font: Buffer, text: string, options?: Options): Promise<Buffer>;
}
