/** The audit HMAC key of every test (test-only; 32 bytes as hex). */
export const TEST_AUDIT_HMAC_KEY = 'a1'.repeat(32);
