import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkStudyFile, STUDY_FILE_MAX_BYTES } from '../../src/features/study/files.js';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]);
const PDF = Buffer.from('%PDF-1.7\n');

describe('a study item’s file', () => {
  it('is taken when its ending and its first bytes agree, with the type it is served as', () => {
    expect(checkStudyFile('政策.pdf', PDF)).toEqual({ ok: true, fileName: '政策.pdf', mime: 'application/pdf', data: PDF });
    expect(checkStudyFile('讲义.DOCX', ZIP)).toMatchObject({ ok: true, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    expect(checkStudyFile('旧讲义.doc', OLE)).toMatchObject({ ok: true, mime: 'application/msword' });
    expect(checkStudyFile('通知.jpeg', JPEG)).toMatchObject({ ok: true, mime: 'image/jpeg' });
    expect(checkStudyFile('要点.txt', Buffer.from('签合同、留凭证\n'))).toMatchObject({ ok: true, mime: 'text/plain; charset=utf-8' });
  });

  it('takes a .txt as Notepad saves it (UTF-8, "Unicode" UTF-16 with its BOM, "ANSI" GBK on Chinese Windows) and keeps it as UTF-8', () => {
    const words = '签合同、留凭证\r\n讨薪找劳动监察\r\n';
    const utf8 = Buffer.from(words, 'utf8');
    const asSaved = {
      'UTF-8': utf8,
      'UTF-8 with BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]),
      'UTF-16LE with BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(words, 'utf16le')]),
      GBK: iconv.encode(words, 'gbk'),
    };
    for (const [how, data] of Object.entries(asSaved)) {
      const checked = checkStudyFile('要点.txt', data);
      expect(checked, how).toMatchObject({ ok: true, mime: 'text/plain; charset=utf-8' });
      expect('ok' in checked && checked.data.equals(utf8), how).toBe(true);
    }
    // A file that is not text, whatever its name says.
    expect(checkStudyFile('photo.txt', Buffer.concat([JPEG, Buffer.from([0x00, 0x10, 0x4a, 0x46])]))).toEqual({ problem: 'file-type' });
    expect(checkStudyFile('bell.txt', Buffer.from('a\u0007b'))).toEqual({ problem: 'file-type' });
  });

  it('refuses what is empty, too big, of another kind, or pretends to be what it is not', () => {
    expect(checkStudyFile('a.pdf', Buffer.alloc(0))).toEqual({ problem: 'file-empty' });
    expect(checkStudyFile('a.pdf', Buffer.concat([PDF, Buffer.alloc(STUDY_FILE_MAX_BYTES)]))).toEqual({ problem: 'file-too-big', megabytes: 5 });
    expect(checkStudyFile('page.html', Buffer.from('<html><script>alert(1)</script>'))).toEqual({ problem: 'file-type' });
    expect(checkStudyFile('a.svg', Buffer.from('<svg onload="alert(1)"/>'))).toEqual({ problem: 'file-type' });
    expect(checkStudyFile('a.pdf', JPEG)).toEqual({ problem: 'file-type' });
    expect(checkStudyFile('a.exe', Buffer.from('MZ\x90\x00'))).toEqual({ problem: 'file-type' });
    expect(checkStudyFile('noending', PDF)).toEqual({ problem: 'file-type' });
    expect(checkStudyFile('binary.txt', Buffer.from([0x61, 0x00, 0x62]))).toEqual({ problem: 'file-type' });
  });

  it('keeps only the file’s own name: no folders, nothing a header minds', () => {
    expect(checkStudyFile('C:\\Users\\书记\\文件\\政策.pdf', PDF)).toMatchObject({ fileName: '政策.pdf' });
    expect(checkStudyFile('../../etc/x.pdf', PDF)).toMatchObject({ fileName: 'x.pdf' });
    expect(checkStudyFile('a"b;c.pdf', PDF)).toMatchObject({ fileName: 'a_b_c.pdf' });
  });
});
