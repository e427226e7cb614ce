/** The editor in a real browser: n8n 2.41.1 started with the packed package, Debian's Chromium. */
/** @type {import('jest').Config} */
module.exports = require('./jest.real-n8n')('ui');
