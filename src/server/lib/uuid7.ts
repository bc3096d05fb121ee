import { randomFillSync } from 'node:crypto';

const bytes = Buffer.alloc(16);
let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix time in milliseconds, then randomness. New ids sort
 * after older ones, so a new row's entries land at the right-hand end of each index on its id
 * (the table's key, the timeline's and the audit log's references to it) instead of on a random
 * page: fewer pages to write and to log after each checkpoint. Within one millisecond a 12-bit
 * counter (RFC 9562 method 1) keeps one process's ids in order.
 */
export function uuid7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (sequence < 0xfff) {
    sequence++;
  } else {
    lastMs++;
    sequence = 0;
  }
  randomFillSync(bytes, 8, 8);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
