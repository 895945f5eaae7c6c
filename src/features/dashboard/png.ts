import { existsSync } from 'node:fs';

/**
 * SVG to PNG with resvg (prebuilt binary in the npm package), imported at the first picture. Chinese labels
 * need a CJK font: the first of these that exists is loaded explicitly (Debian's fonts-wqy-microhei, which CI
 * installs, or Noto CJK). Without one the picture is still drawn, its Chinese text as empty boxes, and the
 * caller is told so it can log it once.
 */
export const CJK_FONTS: readonly { file: string; family: string }[] = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
];

type Resvg = typeof import('@resvg/resvg-js');
let loading: Promise<Resvg> | undefined;

export interface Png {
  data: Buffer;
  width: number;
  height: number;
  /** False when no CJK font was found: the Chinese text is not readable. */
  cjkFont: boolean;
}

/**
 * Pictures made lately, by their SVG, width and font: the same chart asked again (the /stats of a branch its
 * secretary and the township's both ask for, or asked again before the month's figures change) is not drawn again.
 * resvg lays out each text of the SVG with the CJK font afresh, ~2 ms a text: the /stats chart's 42 texts were
 * ~85 ms of a branch's ~170 ms. Bounded in entries (a picture is ~30 kB, its SVG ~16 kB).
 */
const made = new Map<string, Png>();
const MAX_MADE = 32;

export async function svgToPng(svg: string, opts: { width: number; fonts?: readonly { file: string; family: string }[] }): Promise<Png> {
  const font = (opts.fonts ?? CJK_FONTS).find((f) => existsSync(f.file));
  const key = JSON.stringify([opts.width, font?.file ?? null, svg]);
  const cached = made.get(key);
  if (cached !== undefined) {
    // Most recently used last: the first key is the one to drop.
    made.delete(key);
    made.set(key, cached);
    return { ...cached, data: Buffer.from(cached.data) };
  }
  const png = await drawn(svg, opts.width, font);
  made.set(key, png);
  if (made.size > MAX_MADE) made.delete(made.keys().next().value!);
  return { ...png, data: Buffer.from(png.data) };
}

async function drawn(svg: string, width: number, font: { file: string; family: string } | undefined): Promise<Png> {
  loading ??= import('@resvg/resvg-js').then((m) => ((m as { default?: Resvg }).default ?? m) as Resvg);
  const { Resvg } = await loading;
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: width },
    font: font
      ? { fontFiles: [font.file], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family }
      : { loadSystemFonts: true },
  });
  const image = resvg.render();
  return { data: image.asPng(), width: image.width, height: image.height, cjkFont: font !== undefined };
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), or undefined when the bytes are not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature) || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
