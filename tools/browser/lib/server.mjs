// A static file server on 127.0.0.1 (a free port) for the built book, recording every request.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.ipynb': 'application/x-ipynb+json',
  '.inv': 'application/octet-stream',
};

/** Serve `root`; resolves to {url, statusOf(urlPath), close()}. */
export function serve(root) {
  const base = path.resolve(root);
  const statuses = new Map();
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    let file = path.join(base, urlPath);
    let status = 200;
    if (!file.startsWith(base)) {
      status = 403;
    } else {
      try {
        if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
        fs.accessSync(file, fs.constants.R_OK);
      } catch {
        status = 404;
      }
    }
    statuses.set(urlPath, status);
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(`${status}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        statuses,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/** GET a URL on the local server; resolves to its HTTP status (0 when unreachable). */
export function statusOf(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(30_000, () => {
      req.destroy();
      resolve(0);
    });
  });
}
