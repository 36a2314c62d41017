'use strict';
// The sandbox's S3 endpoint: s3rver in a Node process of its own, started
// with --openssl-legacy-provider because s3rver's listing continuation tokens
// use DES, which OpenSSL 3 only has in its legacy provider; without it any
// listing longer than one page fails with InternalError.
//   node --openssl-legacy-provider server.cjs PORT DIRECTORY SEED_JSON BUCKET...
// SEED_JSON lists the objects to store before the server listens:
//   [{ "bucket", "key", "contentType", "base64" }]
const fs = require('node:fs');
const S3rver = require('s3rver');
const S3Object = require('s3rver/lib/models/object');

const [port, directory, seedFile, ...buckets] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  // Buckets are named in the path (clients use path style here), so a host
  // name mapped to this server (s3.prod.internal) is not taken for a bucket.
  vhostBuckets: false,
  configureBuckets: buckets.map((name) => ({ name })),
});

async function seed() {
  if (!seedFile) return 0;
  const objects = JSON.parse(fs.readFileSync(seedFile, 'utf8'));
  await server.configureBuckets();
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const o = objects[next++];
      const body = Buffer.from(o.base64, 'base64');
      await server.store.putObject(new S3Object(o.bucket, o.key, body, { 'content-type': o.contentType }));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return objects.length;
}

seed()
  .then((count) => server.run().then((addr) => ({ addr, count })))
  .then(
    ({ addr, count }) =>
      console.log(`s3rver listening on ${addr.address}:${addr.port}, buckets: ${buckets.join(', ')}, ${count} objects seeded`),
    (err) => {
      console.error(`s3rver failed to start: ${(err && err.stack) || err}`);
      process.exit(1);
    },
  );

function stop() {
  if (server.httpServer) server.close().finally(() => process.exit(0));
  else process.exit(0);
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
