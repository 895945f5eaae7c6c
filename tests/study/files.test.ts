import { describe, expect, it } from 'vitest';
import { checkStudyFile, STUDY_FILE_MAX_BYTES } from '../../src/features/study/files.js';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]);
const PDF = Buffer.from('%PDF-1.7\n');

describe('a study item’s file', () => {
  it('is taken when its ending and its first bytes agree, with the type it is served as', () => {
    expect(checkStudyFile('政策.pdf', PDF)).toEqual({ ok: true, fileName: '政策.pdf', mime: 'application/pdf' });
    expect(checkStudyFile('讲义.DOCX', ZIP)).toMatchObject({ ok: true, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    expect(checkStudyFile('旧讲义.doc', OLE)).toMatchObject({ ok: true, mime: 'application/msword' });
    expect(checkStudyFile('通知.jpeg', JPEG)).toMatchObject({ ok: true, mime: 'image/jpeg' });
    expect(checkStudyFile('要点.txt', Buffer.from('签合同、留凭证\n'))).toMatchObject({ ok: true, mime: 'text/plain; charset=utf-8' });
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
