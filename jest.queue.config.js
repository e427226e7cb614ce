/** Queue mode: n8n 2.41.1 main + 2 workers, Redis and Postgres, against the emulator. */
/** @type {import('jest').Config} */
module.exports = require('./jest.real-n8n')('queue');
