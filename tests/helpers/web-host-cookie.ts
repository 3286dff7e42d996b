/**
 * The first page load of a web host test: the launch token in the printed URL
 * exchanged for the session cookie, as the kiosk's Chromium does it.
 */
import { request as httpRequest } from 'node:http';

/** The answer's status, and the `Cookie` header a page would send from then on. */
export function exchangeLaunchToken(host: { port: number; token: string }): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, agent: false, headers: { Host: `127.0.0.1:${host.port}`, Connection: 'close' } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie']).split(';')[0]! });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
