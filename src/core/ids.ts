import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

// Random bytes drawn 4 KiB at a time: one system call per 256 ids instead of one per id (an
// import makes three ids per row). Each byte is still used once.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/**
 * A 26-character, time-ordered, URL-safe id (ULID layout: 48-bit millisecond time + 80 random
 * bits). Text ids keep SQLite and PostgreSQL identical and sort by creation time.
 */
export function newId(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[pool[poolAt++]! % 32]!;
  return time + rand;
}
