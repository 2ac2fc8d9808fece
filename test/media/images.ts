/**
 * Test images built in the test itself: small generated pictures, a PNG whose
 * header claims a huge size, and JPEG segments for embedded metadata.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A small picture with some structure (a gradient), so encoders have something to do. */
export async function gradient(width: number, height: number, format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' = 'jpeg'): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x + y) * 97) & 255;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid-looking PNG whose IHDR claims `width` × `height` RGB pixels, with
 * correct CRCs, but only one row of compressed pixel data: a few hundred
 * bytes that would decode to gigabytes.
 */
export function claimedHugePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const row = Buffer.alloc(1 + width * 3); // filter byte 0, black pixels
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(row)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** One IPTC IIM dataset (record:dataset, value). */
export function iimDataset(record: number, dataset: number, value: Buffer): Buffer {
  const head = Buffer.from([0x1c, record, dataset, value.length >> 8, value.length & 255]);
  return Buffer.concat([head, value]);
}

/** One Photoshop image resource (8BIM, empty name), padded to even length. */
function resource(id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.write('8BIM', 0, 'latin1');
  head.writeUInt16BE(id, 4);
  // name: empty Pascal string padded to even length (2 bytes), then the size
  head.writeUInt32BE(data.length, 8);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/**
 * A JPEG APP13 segment ("Photoshop 3.0", the 8BIM resource 0x0404 carrying
 * `iim`, then any `extra` resources), inserted right after the SOI marker.
 */
export function withIptc(jpeg: Buffer, iim: Buffer, extra: [number, Buffer][] = []): Buffer {
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource(0x0404, iim), ...extra.map(([id, d]) => resource(id, d))]);
  const marker = Buffer.from([0xff, 0xed, (payload.length + 2) >> 8, (payload.length + 2) & 255]);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}

/**
 * A JPEG APP1 EXIF segment with IFD0 ASCII tags (tag → raw bytes, written as
 * given, so UTF-8 or Latin-1 as the test wants), inserted after SOI.
 */
export function withExifTags(jpeg: Buffer, tags: [number, Buffer][], littleEndian = true): Buffer {
  const sorted = [...tags].sort((a, b) => a[0] - b[0]);
  const ifdSize = 2 + sorted.length * 12 + 4;
  const tiff: Buffer[] = [];
  const head = Buffer.alloc(8 + ifdSize);
  const u16 = (v: number, o: number) => (littleEndian ? head.writeUInt16LE(v, o) : head.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (littleEndian ? head.writeUInt32LE(v, o) : head.writeUInt32BE(v, o));
  head.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(sorted.length, 8);
  let dataAt = 8 + ifdSize;
  const data: Buffer[] = [];
  sorted.forEach(([tag, raw], i) => {
    const value = Buffer.concat([raw, Buffer.from([0])]);
    const e = 10 + i * 12;
    u16(tag, e);
    u16(2, e + 2); // ASCII
    u32(value.length, e + 4);
    if (value.length <= 4) value.copy(head, e + 8);
    else {
      u32(dataAt, e + 8);
      data.push(value);
      dataAt += value.length;
    }
  });
  tiff.push(head, ...data);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), ...tiff]);
  const marker = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}
