#!/usr/bin/env node
// Serves web/ over HTTP for local use and the end-to-end tests, with the same
// Content-Security-Policy that web/index.html declares for static hosting.
// dist/precache.js, the offline service worker's list of files, is made
// afresh for each request (build-scripts/precache.mjs), so edits reach the page.
// No dependencies beyond node itself.
//
//   node build-scripts/serve.mjs --port 8080      → prints http://localhost:8080/
//   node build-scripts/serve.mjs --port 0         → any free port
//   node build-scripts/serve.mjs --root DIR       → serve DIR instead of web/
//   node build-scripts/serve.mjs --no-isolation   → without the COOP/COEP headers
//
// Every answer says Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp, which make the page cross-origin
// isolated: it gets SharedArrayBuffer, and trains word vectors on several
// threads. Everything the page loads is its own origin's, so require-corp
// blocks nothing. (A host without the headers gets them from the service
// worker, web/service-worker.js.)
//
// Imported, it exports startServer({root, port, host, isolation}) for the tests.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { precachePath, precacheScript } from './precache.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultRoot = path.resolve(here, '..', 'web');

// The page's import map is its one inline script; the policy allows it by
// its hash (sha256 of the exact text between the script tags in index.html).
export const importMapHash = 'sha256-d66GP+PfLLz7GLWyTjnXNqfTA+ZnTj81/GbX8twIdos=';

export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' '${importMapHash}'`,
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** @type {Record<string, string>} */
const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.vec': 'text/plain; charset=utf-8',
  '.tiktoken': 'text/plain; charset=utf-8',
  // Sent as the file it is, with no Content-Encoding: the page unpacks it (web/engine/gunzip.js).
  '.gz': 'application/gzip',
};

/**
 * Maps a request path to a file under root, or null when it would escape it.
 * @param {string} root absolute directory
 * @param {string} urlPath the request's pathname, still percent-encoded
 */
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/**
 * @param {http.ServerResponse} response
 * @param {number} status
 * @param {string} message
 */
function sendText(response, status, message) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy,
  });
  response.end(message + '\n');
}

/**
 * @param {string} root
 * @returns {http.RequestListener}
 */
/** The headers that make the page cross-origin isolated. */
export const isolationHeaders = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** @param {string} root @param {boolean} isolation */
function handler(root, isolation) {
  const isolating = isolation ? isolationHeaders : {};
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'method not allowed');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    // The service worker's file list, made from the files as they are now (see precache.mjs).
    if (url.pathname === `/${precachePath}`) {
      const script = precacheScript(root);
      response.writeHead(200, {
        'Content-Type': mimeTypes['.js'],
        'Content-Length': Buffer.byteLength(script),
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
        ...isolating,
      });
      response.end(request.method === 'HEAD' ? undefined : script);
      return;
    }
    let file = resolveFile(root, url.pathname);
    if (!file) {
      sendText(response, 403, 'forbidden');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      response.writeHead(200, {
        'Content-Type': mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
        ...isolating,
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      createReadStream(file)
        .on('error', () => response.destroy())
        .pipe(response);
    } catch {
      sendText(response, 404, `not found: ${url.pathname}`);
    }
  };
}

/**
 * Starts serving; resolves once listening.
 * @param {{root?: string, port?: number, host?: string, isolation?: boolean}} [options] isolation: send the COOP/COEP headers (the default)
 * @returns {Promise<{server: http.Server, url: string}>}
 */
export function startServer({ root = defaultRoot, port = 8080, host = 'localhost', isolation = true } = {}) {
  const server = http.createServer(handler(path.resolve(root), isolation));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://localhost:${actualPort}/` });
    });
  });
}

/** @param {string[]} argv */
function parseArguments(argv) {
  const options = { port: Number(process.env.PORT) || 8080, root: defaultRoot, host: 'localhost', isolation: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port' || flag === '-p') options.port = Number(value());
    else if (flag === '--root') options.root = path.resolve(value());
    else if (flag === '--host') options.host = value();
    else if (flag === '--no-isolation') options.isolation = false;
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: serve.mjs [--port N] [--root DIR] [--host NAME] [--no-isolation]');
      process.exit(0);
    } else {
      console.error(`serve.mjs: unknown option ${argv[i]} (try --help)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    console.error('serve.mjs: --port needs a number from 0 to 65535');
    process.exit(2);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArguments(process.argv.slice(2));
  startServer(options).then(
    ({ url }) => console.log(`tokenlab is at ${url}  (serving ${path.relative(process.cwd(), options.root) || '.'}; Ctrl+C stops)`),
    (error) => {
      console.error(`serve.mjs: cannot listen on port ${options.port}: ${error.message}`);
      process.exit(1);
    },
  );
}
