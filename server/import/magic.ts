/** File signatures, to tell a user what a file really is when its name says otherwise. */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an .xls workbook, or an .xlsx encrypted with a password. */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
