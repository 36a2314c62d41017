// The spawner's side (see spawner.ts): runs each CLI it is sent without a
// shell and reports how long spawnSync took, measured here.
const { spawnSync } = require('node:child_process');

process.on('message', ({ id, program, args }) => {
  const start = process.hrtime.bigint();
  const r = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 2 ** 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.send({ id, ms, status: r.status, stdout: r.stdout, stderr: r.stderr });
});
