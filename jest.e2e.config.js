/** End-to-end: the packed package in real n8n 2.41.1 and 1.123.81, against the emulator. */
/** @type {import('jest').Config} */
module.exports = require('./jest.real-n8n')('e2e');
