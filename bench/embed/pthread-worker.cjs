// The script each pthread of the threads module (web/dist/tokenlab-threads.js)
// runs in node, in place of web/dist/tokenlab-threads.worker.js: web/ is an ES
// module package, where node would load that CommonJS script as a module
// without `require`. This file, a .cjs, runs it with require, __filename and
// __dirname in scope, as a browser Worker runs it with importScripts.
//
//   createModule({ locateFile: (file) => file.endsWith('.worker.js') ? thisFile : ... })
const fs = require('node:fs');
const path = require('node:path');

const distDir = path.resolve(__dirname, '..', '..', 'web', 'dist');
const script = path.join(distDir, 'tokenlab-threads.worker.js');
Object.assign(globalThis, { require, __filename: script, __dirname: distDir });
(0, eval)(fs.readFileSync(script, 'utf8'));
