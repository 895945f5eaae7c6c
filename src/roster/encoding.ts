import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * A text file's text in whatever encoding it was saved in (a roster's CSV, a study item's .txt): a BOM says so
 * (UTF-8, UTF-16, as Notepad's "Unicode" and Excel's "Unicode text" write); text that is valid UTF-8 is UTF-8;
 * anything else is what Excel and Notepad on Chinese Windows write, GBK or its superset GB18030, unless the
 * detector is clearly sure of Big5. Returns the encoding's name, as shown to the secretary.
 */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'UTF-16' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: one of the national encodings
  }
  const sample = buf.subarray(0, 64 * 1024);
  const scores = new Map(chardet.analyse(sample).map((m) => [m.name, m.confidence]));
  if ((scores.get('Big5') ?? 0) > (scores.get('GB18030') ?? 0) + 20) return { text: iconv.decode(buf, 'big5'), encoding: 'Big5' };
  return { text: iconv.decode(buf, 'gb18030'), encoding: hasFourByteGb18030(buf) ? 'GB18030' : 'GBK' };
}

/** GB18030 adds four-byte sequences (a digit as the second byte) to GBK's two-byte ones. */
function hasFourByteGb18030(buf: Buffer): boolean {
  for (let i = 0; i < buf.length - 1; i++) {
    const b = buf[i]!;
    if (b < 0x80) continue;
    const next = buf[i + 1]!;
    if (b >= 0x81 && b <= 0xfe && next >= 0x30 && next <= 0x39) return true;
    i++;
  }
  return false;
}
