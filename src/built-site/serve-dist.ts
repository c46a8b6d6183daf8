/**
 * Serves the built site on a local port for the link scan, at the URLs readers use (`/guide/`
 * answers with `guide/index.html`). linkinator can serve a folder itself, but only at file
 * names (`/guide/index.html`): every page given to it would then be fetched and parsed twice,
 * once as a start page and once as `/guide/` where other pages link to it. sirv serves the
 * folder read-only and never outside it; anything it does not have is a plain 404. It looks
 * each file up when asked (`dev`), because Pagefind still writes its files while the scan runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface ServedSite {
  /** `http://127.0.0.1:<port>/`: the site's root URL. */
  origin: string;
  close(): Promise<void>;
}

export async function serveDist(distDir: string): Promise<ServedSite> {
  const files = sirv(distDir, { dev: true, etag: false, dotfiles: false });
  const server = http.createServer((request, response) =>
    files(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
