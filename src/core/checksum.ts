/**
 * CRC-32 (IEEE 802.3, the one of zip and PNG: reflected polynomial 0xEDB88320, initial and final
 * XOR 0xFFFFFFFF). Used to notice a QR text that was damaged or edited by hand; it is no
 * protection against someone who recomputes it.
 */

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of bytes, as an unsigned 32-bit number (crc32 of 「123456789」 in ASCII is 0xCBF43926). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 of a text's UTF-8 bytes, as 8 upper-case hex digits. */
export function crc32Hex(text: string): string {
  return crc32(new TextEncoder().encode(text)).toString(16).toUpperCase().padStart(8, '0');
}
