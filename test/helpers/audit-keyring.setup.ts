import { AuditKeyring, setAuditKeyring } from '../../src/modules/audit/audit.hash';
import { TEST_AUDIT_HMAC_KEY } from './test-keys';

// Every test process signs audit events with the test-only key, as the runtime and the CLIs do with
// theirs: tests that write audit events without starting a runtime (provisioning, repositories) need it.
setAuditKeyring(new AuditKeyring([Buffer.from(TEST_AUDIT_HMAC_KEY, 'hex')]));
