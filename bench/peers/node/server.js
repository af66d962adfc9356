// Hello-world peer for the bench/ harness on Node.js's own `http` module: one process, one event loop.
// GET / answers "Hello world!", GET /json a JSON object serialised per request with JSON.stringify,
// POST /echo the request body; anything else 404. Node adds the Date header.
//
//   node bench/peers/node/server.js [--port 8080] [--host 127.0.0.1]
'use strict';

const http = require('node:http');

const HELLO = Buffer.from('Hello world!');

function options(argv) {
  const opts = { host: '127.0.0.1', port: 8080 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (value === undefined) usage(`missing value after ${argv[i]}`);
    if (argv[i] === '--port') opts.port = Number.parseInt(value, 10);
    else if (argv[i] === '--host') opts.host = value;
    else usage(`unknown argument: ${argv[i]}`);
    i++;
  }
  return opts;
}

function usage(problem) {
  console.error(problem);
  console.error('usage: node server.js [--port 8080] [--host 127.0.0.1]');
  process.exit(2);
}

function send(res, status, contentType, body) {
  const headers = { 'Content-Length': body.length };
  if (contentType) headers['Content-Type'] = contentType;
  res.writeHead(status, headers);
  res.end(body);
}

function handle(req, res) {
  const query = req.url.indexOf('?');
  const path = query < 0 ? req.url : req.url.slice(0, query);
  if (path === '/' && req.method === 'GET') {
    send(res, 200, 'text/plain; charset=utf-8', HELLO);
  } else if (path === '/json' && req.method === 'GET') {
    send(res, 200, 'application/json', Buffer.from(JSON.stringify({ message: 'Hello, World!' })));
  } else if (path === '/echo' && req.method === 'POST') {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => send(res, 200, 'application/octet-stream', Buffer.concat(chunks)));
  } else {
    send(res, 404, null, Buffer.alloc(0));
  }
}

const { host, port } = options(process.argv.slice(2));
http.createServer(handle).listen({ host, port, backlog: 1024 }, () => {
  console.log(`node-peer listening on ${host}:${port} (node ${process.version}, one process)`);
});
