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

export async function svgToPng(svg: string, opts: { width: number; fonts?: readonly { file: string; family: string }[] }): Promise<Png> {
  loading ??= import('@resvg/resvg-js').then((m) => ((m as { default?: Resvg }).default ?? m) as Resvg);
  const { Resvg } = await loading;
  const font = (opts.fonts ?? CJK_FONTS).find((f) => existsSync(f.file));
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: opts.width },
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
