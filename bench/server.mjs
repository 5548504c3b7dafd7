// The benchmark's static server: the app's dist directory at `/`, and the
// bench page, the two peer libraries and the generated inputs under /__bench/,
// all on one origin so that the bench page can start the app's import worker.
// Files are streamed (street-1m.csv is about 200 MB), never compressed: the
// compressed sizes are computed separately, file by file.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPES } from '../tests/e2e/static-server.mjs';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

/** Serves dist at / and the bench at /__bench/ on 127.0.0.1; resolves to { url, close }. */
export async function serveBench({ dist, inputs }) {
  const mounts = [
    ['/__bench/vendor/xlsx.full.min.js', require.resolve('xlsx/dist/xlsx.full.min.js')],
    ['/__bench/vendor/papaparse.min.js', require.resolve('papaparse/papaparse.min.js')],
    ['/__bench/inputs/', resolve(inputs)],
    ['/__bench/', HERE],
    ['/', resolve(dist)],
  ];
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      const [prefix, base] = mounts.find(([p]) => (p.endsWith('/') ? path.startsWith(p) : path === p));
      let file = prefix.endsWith('/') ? normalize(join(base, path.slice(prefix.length))) : base;
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    } catch {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}
