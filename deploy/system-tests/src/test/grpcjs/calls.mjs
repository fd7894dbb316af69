// Makes gRPC calls with Node's client, @grpc/grpc-js, the messages read from the repository's own .proto files by
// @grpc/proto-loader, and prints what the client saw of each, one JSON object a line: its name, the status code (and
// its name), the details string as grpc-js hands it to an application, the answer's messages and the response
// headers. Judging is the caller's (GrpcJsClientSystemTest). Reads from standard input:
//   {"protos": "<dir>", "files": ["shopflow/user/v1/user_service.proto", ...],
//    "calls": [{"name": "...", "address": "localhost:19081", "method": "shopflow.user.v1.UserService/GetUser",
//               "request": {...}, "stream": false, "channelOptions": {...}}]}
// A method that is in no .proto file is called with an empty message (for UNIMPLEMENTED). A stream is read to its
// end or its error. A call with "wire": "gzip" is made with Node's own HTTP/2 client instead, its request gzipped
// and a gzipped answer asked for, to see what grpc-js hides from an application: the answer's grpc-encoding and
// grpc-accept-encoding headers and whether its message came compressed. Exits 0 when every call got an answer,
// whatever its status; non-zero on a broken input.
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const DEADLINE_MS = 10_000;
const input = JSON.parse(readFileSync(0, 'utf8'));
const health = fileURLToPath(new URL('health.proto', import.meta.url));
const definitions = protoLoader.loadSync([...input.files, health], {
  includeDirs: [input.protos], keepCase: true, longs: String, enums: String, defaults: false, oneofs: true,
});
const methods = new Map();
for (const [name, definition] of Object.entries(definitions)) {
  if (typeof definition === 'object' && !definition.format) {
    for (const method of Object.values(definition)) {
      if (method && method.path) {
        methods.set(method.path.slice(1), method);
      }
    }
  }
}
const unknownMethod = {
  requestSerialize: () => Buffer.alloc(0),
  responseDeserialize: bytes => ({ bytes: bytes.length }),
  responseStream: false,
};

function call(spec) {
  const method = methods.get(spec.method) ?? unknownMethod;
  const client = new grpc.Client(spec.address, grpc.credentials.createInsecure(), spec.channelOptions ?? {});
  const options = { deadline: Date.now() + DEADLINE_MS };
  const seen = { name: spec.name, method: spec.method, messages: [], headers: {} };
  const onHeaders = metadata => { seen.headers = metadata.getMap(); };
  const finish = (resolve, status) => {
    seen.code = status.code;
    seen.codeName = grpc.status[status.code];
    seen.details = status.details;
    client.close();
    resolve(seen);
  };
  return new Promise(resolve => {
    if (method.responseStream || spec.stream) {
      const stream = client.makeServerStreamRequest('/' + spec.method, method.requestSerialize,
        method.responseDeserialize, spec.request ?? {}, new grpc.Metadata(), options);
      stream.on('metadata', onHeaders);
      stream.on('data', message => seen.messages.push(message));
      stream.on('error', () => {});
      stream.on('status', status => finish(resolve, status));
    } else {
      const unary = client.makeUnaryRequest('/' + spec.method, method.requestSerialize, method.responseDeserialize,
        spec.request ?? {}, new grpc.Metadata(), options, (error, message) => {
          if (!error) {
            seen.messages.push(message);
          }
        });
      unary.on('metadata', onHeaders);
      unary.on('status', status => finish(resolve, status));
    }
  });
}

function callOnTheWire(spec) {
  const method = methods.get(spec.method);
  const message = gzipSync(method.requestSerialize(spec.request ?? {}));
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt8(1, 0);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  const seen = { name: spec.name, method: spec.method, messages: [], headers: {} };
  return new Promise(resolve => {
    const session = http2.connect('http://' + spec.address);
    session.on('error', error => { seen.code = -1; seen.details = String(error); resolve(seen); });
    const stream = session.request({
      ':method': 'POST', ':path': '/' + spec.method, 'content-type': 'application/grpc', te: 'trailers',
      'grpc-encoding': spec.wire, 'grpc-accept-encoding': spec.wire, 'grpc-timeout': DEADLINE_MS + 'm',
    });
    const body = [];
    stream.on('response', headers => { seen.headers = headers; });
    stream.on('data', chunk => body.push(chunk));
    stream.on('trailers', trailers => {
      seen.code = Number(trailers['grpc-status'] ?? seen.headers['grpc-status']);
      seen.details = decodeURIComponent(trailers['grpc-message'] ?? '');
    });
    stream.on('close', () => {
      const bytes = Buffer.concat(body);
      seen.code ??= Number(seen.headers['grpc-status']);
      seen.details ??= decodeURIComponent(seen.headers['grpc-message'] ?? '');
      seen.codeName = grpc.status[seen.code];
      seen.wire = { answerCompressed: bytes.length > 0 && bytes.readUInt8(0) === 1, answerBytes: bytes.length };
      session.close();
      resolve(seen);
    });
    stream.end(frame);
  });
}

const seen = await Promise.all(input.calls.map(spec => (spec.wire ? callOnTheWire(spec) : call(spec))));
for (const one of seen) {
  console.log(JSON.stringify(one));
}
