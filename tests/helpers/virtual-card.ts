/**
 * A contactless card on Debian's virtual PC/SC reader (vsmartcard-vpcd): vpcd
 * listens on a TCP port for a card (VPCD_PORT; Debian's default is 35963). Frames are a 2-byte big-endian length and
 * a payload; a 1-byte payload is a control (0 power off, 1 power on, 2 reset,
 * 4 send the ATR), anything else an APDU to answer. This card answers GET DATA
 * (FF CA 00 00 00) with its UID and 90 00. Closing it takes the card away.
 */
import { connect, type Socket } from 'node:net';

/** Where the tests' pcscd has vpcd listen (tests/helpers/pcscd.ts): below the ephemeral port range, unlike Debian's 35963. */
export const VPCD_PORT = 29963;
const ATR = Buffer.from('3B8F8001804F0CA0000003060300030000000068', 'hex'); // a contactless card's ATR, as ACR122U readers report it

export interface VirtualCard {
  apdus: string[];
  remove(): Promise<void>;
}

export function putVirtualCard(uidHex: string, port = VPCD_PORT): Promise<VirtualCard> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const apdus: string[] = [];
    let pending = Buffer.alloc(0);
    const send = (payload: Buffer) => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(payload.length);
      socket.write(Buffer.concat([length, payload]));
    };
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const payload = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + payload.length);
        if (payload.length === 1) {
          if (payload[0] === 4) send(ATR);
          continue;
        }
        apdus.push(payload.toString('hex'));
        const getData = payload[0] === 0xff && payload[1] === 0xca;
        send(getData ? Buffer.concat([Buffer.from(uidHex, 'hex'), Buffer.of(0x90, 0x00)]) : Buffer.of(0x6d, 0x00));
      }
    });
    socket.once('connect', () =>
      resolve({
        apdus,
        remove: () => new Promise<void>((done) => socket.end(() => done())),
      }),
    );
    socket.once('error', reject);
  });
}
