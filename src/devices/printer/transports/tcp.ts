/**
 * Network printers on raw TCP (port 9100): one connection per job, status
 * replies come back on the same socket.
 */
import { Socket } from 'node:net';
import { ReplyBuffer, type PrinterConnection, type PrinterTransport } from './connection';

export function tcpTransport(host: string, port = 9100, connectTimeoutMs = 3000): PrinterTransport {
  return {
    description: `tcp ${host}:${port}`,
    open: () =>
      new Promise<PrinterConnection>((resolve, reject) => {
        const socket = new Socket();
        const replies = new ReplyBuffer();
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no connection to ${host}:${port} within ${connectTimeoutMs} ms`));
        }, connectTimeoutMs);
        socket.on('data', (chunk) => replies.push(chunk));
        socket.on('error', (error) => replies.fail(error));
        socket.on('close', () => replies.fail(new Error('printer closed the connection')));
        socket.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        socket.connect(port, host, () => {
          clearTimeout(timer);
          socket.setNoDelay(true);
          resolve({
            write: (bytes) =>
              new Promise<void>((done, fail) => {
                socket.write(bytes, (error) => (error ? fail(error) : done()));
              }),
            read: (count, timeoutMs) => replies.read(count, timeoutMs),
            close: () =>
              new Promise<void>((done) => {
                if (socket.destroyed) return done();
                socket.end(() => {
                  socket.destroy();
                  done();
                });
              }),
          });
        });
      }),
  };
}
