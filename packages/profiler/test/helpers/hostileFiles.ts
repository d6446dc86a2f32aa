/**
 * Hostile files, made at run time (nothing large is committed). The bombs are built from one
 * compressed megabyte repeated: deflate blocks ended with a full flush are byte-aligned and can be
 * concatenated, so a few megabytes on disk inflate to gigabytes without ever being held in memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';

const MIB = 1024 * 1024;

/** `prefix` then `filler` repeated to `mebibytes` MiB, as a raw deflate stream (finished). */
function deflateBomb(prefix: string, filler: string, mebibytes: number): Buffer {
  const megabyte = Buffer.from(filler.repeat(Math.ceil(MIB / filler.length)).slice(0, MIB));
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const repeated = deflateRawSync(megabyte, flush);
  return Buffer.concat([deflateRawSync(Buffer.from(prefix), flush), ...Array<Buffer>(mebibytes).fill(repeated), deflateRawSync(Buffer.alloc(0))]);
}

interface ZipEntry {
  name: string;
  /** Raw deflate data. */
  deflated: Buffer;
  /** What the zip claims; a bomb may lie. */
  declaredSize: number;
  crc: number;
}

function entryOf(name: string, content: string): ZipEntry {
  const bytes = Buffer.from(content);
  return { name, deflated: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
}

/** A zip archive (deflate, no zip64): local headers, data, central directory, end record. */
function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.deflated.length, 20);
    header.writeUInt32LE(entry.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.deflated);
    central.push(header, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a one-sheet workbook other than the sheet itself. */
function workbookParts(): ZipEntry[] {
  return [
    entryOf('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    entryOf('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    entryOf('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    entryOf('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
  ];
}

/**
 * An `.xlsx` whose sheet inflates to `mebibytes` MiB of rows. `lying`: the zip declares 1 KiB for it,
 * so only counting the inflated bytes catches it. The CRC is never reached, so it is left 0.
 */
export function zipBombWorkbook(mebibytes: number, lying: boolean): Buffer {
  const row = '<row><c t="inlineStr"><is><t>boom</t></is></c></row>';
  const deflated = deflateBomb(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`, row, mebibytes);
  const sheet = { name: 'xl/worksheets/sheet1.xml', deflated, declaredSize: lying ? 1024 : mebibytes * MIB - 1, crc: 0 };
  return zipArchive([...workbookParts(), sheet]);
}

/** An `.xlsx` whose sheet defines the "billion laughs" entities: 10^9 "lol"s if a parser expanded them. */
export function billionLaughsWorkbook(): Buffer {
  const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('');
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY lol "lol">${entities}]><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;
  return zipArchive([...workbookParts(), entryOf('xl/worksheets/sheet1.xml', sheet)]);
}

/** A `.csv.gz` that inflates to `mebibytes` MiB of `1,2` rows (gzip header, deflate bomb, trailer with CRC 0). */
export function gzipBombCsv(mebibytes: number): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE((mebibytes * MIB) % 2 ** 32, 4);
  return Buffer.concat([header, deflateBomb('a,b\n', '1,2\n', mebibytes), trailer]);
}

/** A PDF whose page tree lists itself among its own kids (a cycle in the object graph). */
export function recursivePdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** `a,b` then one line of `mebibytes` MiB, written in 1 MiB pieces. */
export async function writeLongLineCsv(path: string, mebibytes: number): Promise<void> {
  const out = createWriteStream(path);
  const piece = 'x'.repeat(MIB);
  out.write('a,b\n');
  for (let i = 0; i < mebibytes; i++) if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve, reject) => out.end(',1\n', () => resolve()).once('error', reject));
}

/** `count` tiny files in folders of 1,000 (names a `.dat` suffix: listed and hashed, not read as tables). */
export async function writeTinyFiles(root: string, count: number): Promise<void> {
  for (let folder = 0; folder * 1000 < count; folder++) {
    const dir = join(root, `part${String(folder).padStart(3, '0')}`);
    await mkdir(dir, { recursive: true });
    const names = Array.from({ length: Math.min(1000, count - folder * 1000) }, (_, i) => join(dir, `f${i}.dat`));
    await Promise.all(names.map((name, i) => writeFile(name, `${folder}:${i}\n`)));
  }
}
