import type DataLoader from 'dataloader';
import type { Actor } from '../../access/actor';
import { Capability, requireAccess, requireCapability } from '../../access/access';
import { AuditAction } from '../audit/audit.recorder';
import { holdsCertificate, isDate } from './certification-status';
import { certificationOf, completionIndex } from './training-coverage.report';

import { UUID, StaffRef, CertificateView, TrainingRecord, dateArg, type CertificateKey } from './training.support';
import { TrainingServiceBase } from './training-service.base';

/** Certificates of staff members, the own training record and the gate the cases module calls. */
export class CertificateService extends TrainingServiceBase {
  // --- certificates and records ----------------------------------------------------------------

  /**
   * A staff member's certificates through the request's loader (`certificatesLoader`), which batches
   * the staff members of a page into `certificatesOf`.
   */
  async staffCertificates(
    caller: Actor,
    staff: StaffRef,
    on: string | null | undefined,
    loader: Pick<DataLoader<CertificateKey, CertificateView[], string>, 'load'>,
  ): Promise<CertificateView[]> {
    requireAccess(caller.principal, Capability.TRAINING_MANAGE, [staff], 'Staff member');
    return loader.load({ staff, on: dateArg('on', on, this.today()) });
  }

  /** The loader's batch: staff members already authorised by `staffCertificates`. */
  certificatesOf(keys: readonly CertificateKey[]): Promise<CertificateView[][]> {
    return this.certificatesOfMany(this.dataSource.manager, keys);
  }

  /** The caller's own training record, through the staff member linked to their login (none: an empty record). */
  async myTrainingRecord(caller: Actor, on?: string | null): Promise<TrainingRecord> {
    const principal = caller.principal;
    requireCapability(principal, Capability.TRAINING_SELF_READ);
    const date = dateArg('on', on, this.today());
    const row = await this.staffRepo.staffByUser(this.dataSource.manager, principal.userId);
    if (!row) return { staffMember: null, on: date, certificates: [], enrolments: [] };
    const [staff] = requireAccess(principal, Capability.TRAINING_SELF_READ, [row], 'Staff member');
    const certificates = await this.certificates(this.dataSource.manager, staff, null, date);
    const enrolments = await this.sessionRepo.enrolmentsOfStaff(this.dataSource.manager, staff.id);
    caller.audit.touch(AuditAction.READ, 'StaffMember', [staff]);
    caller.audit.touch(AuditAction.READ, 'Enrolment', enrolments);
    return { staffMember: staff, on: date, certificates, enrolments };
  }

  /**
   * The gate of the cases module: whether a user holds a valid (VALID or EXPIRING) certificate of
   * a course on a date (default today). A user without a linked staff member, an unknown course
   * or anything malformed answers false. The cases module has already authorised its caller;
   * this asks about that caller's own record.
   */
  async hasValidCertificate(userId: string, courseCode: string, on?: string): Promise<boolean> {
    try {
      const course = await this.courseRepo.courseByCode(this.dataSource.manager, courseCode);
      return course ? await this.hasValidCertificateOfCourse(userId, course.id, on) : false;
    } catch {
      return false; // a gate denies on any failure
    }
  }

  /** `hasValidCertificate` for a course named by id: what the risk-assessment gates use. */
  async hasValidCertificateOfCourse(userId: string, courseId: string, on?: string): Promise<boolean> {
    try {
      if (!UUID.test(userId) || !UUID.test(courseId)) return false;
      const date = on ?? this.today();
      if (!isDate(date)) return false;
      const manager = this.dataSource.manager;
      const staff = await this.staffRepo.staffByUser(manager, userId);
      const course = await this.courseRepo.courseById(manager, courseId);
      if (!staff || !course) return false;
      const completions = await this.completionRepo.completionsOf(manager, [staff.id]);
      return holdsCertificate(certificationOf(course, staff.id, completionIndex(completions), date).status);
    } catch {
      return false; // a gate denies on any failure
    }
  }
}
