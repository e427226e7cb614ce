export { startEmulator, INSPECTION_PREFIX, SCOPE_READ, SCOPE_WRITE } from './server';
export type { Emulator, EmulatorOptions, EmulatorStats, Endpoint, LoggedRequest } from './server';
export type { FaultOptions } from './faults';
export { DOCUMENTED_LIMITS, type RateLimits } from './rate-limit';
export { poolIdAt, talentIdAt, type TalentPool } from './data';
