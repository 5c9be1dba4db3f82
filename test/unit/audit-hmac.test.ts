import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HMAC_BLOCK, PaddedHmac } from '../../src/modules/audit/audit.hash';

/** Key lengths around SHA-256's 64-byte block: shorter keys are padded, longer ones hashed first (RFC 2104). */
const KEY_LENGTHS = [1, 16, 32, 63, 64, 65, 100, 200];

describe('PaddedHmac (HMAC-SHA-256 from prepared pads and one-shot hashes)', () => {
  it('equals createHmac for random keys of several lengths (including longer than a block) and random messages', () => {
    for (const keyLength of KEY_LENGTHS) {
      const secret = randomBytes(keyLength);
      const mac = new PaddedHmac(secret);
      for (let n = 0; n < 50; n++) {
        const message = randomBytes(randomInt(0, 1200));
        const expected = createHmac('sha256', secret).update(message).digest();
        // In place: the message after HMAC_BLOCK free bytes at an offset inside a larger buffer.
        const offset = randomInt(0, 40);
        const buf = Buffer.concat([randomBytes(offset + HMAC_BLOCK), message, randomBytes(randomInt(0, 40))]);
        const digest = mac.digestInPlace(buf, offset, offset + HMAC_BLOCK + message.length);
        expect(Buffer.from(digest, 'latin1').equals(expected)).toBe(true);
        expect(buf.subarray(offset + HMAC_BLOCK, offset + HMAC_BLOCK + message.length).equals(message)).toBe(true);
        expect(mac.hex(message)).toBe(expected.toString('hex'));
      }
    }
  });

  it('equals createHmac for text in UTF-8, and one instance serves many messages in a row', () => {
    const secret = randomBytes(32);
    const mac = new PaddedHmac(secret);
    for (const message of ['', 'a', 'å'.repeat(1000), '["v2","k1","x\\"y",null]', '\u2028\u{1f600}']) {
      expect(mac.hex(message)).toBe(createHmac('sha256', secret).update(message, 'utf8').digest('hex'));
    }
  });

  it('a different key gives a different digest (the test can fail)', () => {
    const message = randomBytes(100);
    expect(new PaddedHmac(randomBytes(32)).hex(message)).not.toBe(new PaddedHmac(randomBytes(32)).hex(message));
  });
});
