/** Share links written by hand, as a tamperer or an older page could: format 1, a JSON body and no index tail. */
import { deflateSync, strToU8 } from 'fflate';

export function handMadeLink(body: unknown): string {
  const json = strToU8(JSON.stringify(body));
  const frame = new Uint8Array(json.length + 2);
  // the body's length as a two-byte varint, then the body
  frame[0] = (json.length & 0x7f) | 0x80;
  frame[1] = json.length >> 7;
  frame.set(json, 2);
  return `1.${Buffer.from(deflateSync(frame)).toString('base64url')}`;
}
