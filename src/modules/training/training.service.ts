import type { DataSource } from 'typeorm';
import { todayInSweden } from './certification-status';
import { CertificateService } from './certificate.service';
import { CourseCatalogueService } from './course-catalogue.service';
import { StaffRegisterService } from './staff-register.service';
import { TrainingImportService } from './training-import.service';
import { TrainingReportService } from './training-report.service';
import { TrainingSessionService } from './training-session.service';

export type {
  CertificateView,
  CourseInput,
  ExpiringRow,
  ImportRejection,
  ImportReport,
  Page,
  SessionInput,
  SessionView,
  StaffInput,
  StaffRef,
  TrainingRecord,
} from './training.support';

/**
 * The training module's services, one per section: staff register, CSV imports, course catalogue and
 * requirements, sessions and enrolments, certificates, reports. They share one clock.
 */
export class TrainingService {
  readonly staffRegister: StaffRegisterService;
  readonly imports: TrainingImportService;
  readonly catalogue: CourseCatalogueService;
  readonly sessions: TrainingSessionService;
  readonly certificates: CertificateService;
  readonly reports: TrainingReportService;

  constructor(dataSource: DataSource, today: () => string = () => todayInSweden()) {
    this.staffRegister = new StaffRegisterService(dataSource, today);
    this.imports = new TrainingImportService(dataSource, today);
    this.catalogue = new CourseCatalogueService(dataSource, today);
    this.sessions = new TrainingSessionService(dataSource, today);
    this.certificates = new CertificateService(dataSource, today);
    this.reports = new TrainingReportService(dataSource, today);
  }
}
