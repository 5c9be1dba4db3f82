import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Capability } from '../../access/policy';
import type { RequestContext } from '../../graphql/context';
import { defineLoader } from '../../graphql/loaders';
import { AuditAs, Policy } from '../../graphql/policy.decorator';
import { AuditAction } from '../audit/audit.recorder';
import {
  CertificateDto,
  CourseCompletionsDto,
  CourseDto,
  EnrolmentDto,
  ExpiringCertificateDto,
  ImportReportDto,
  StaffMemberConnection,
  StaffMemberDto,
  TrainingCoverageDto,
  TrainingCsvExportDto,
  TrainingRecordDto,
  TrainingRequirementDto,
  TrainingSessionConnection,
  TrainingSessionDto,
} from './dto/training.dto';
import {
  CreateCourseInput,
  CreateStaffMemberInput,
  CreateTrainingRequirementInput,
  CreateTrainingSessionInput,
  RecordCompletionInput,
  UpdateCourseInput,
  UpdateStaffMemberInput,
  UpdateTrainingSessionInput,
} from './dto/training.input';
import { coverageCsv } from './training-coverage.report';
import { EnrolmentStatus } from './training.entities';
import type { CertificateKey, CertificateView } from './training.support';

/** `StaffMember.certificates` of a whole page in three statements (completions, requirements, catalogue). */
const certificatesLoader = defineLoader(
  (ctx) =>
    new DataLoader<CertificateKey, CertificateView[], string>(
      (keys) => ctx.services.training.certificates.certificatesOf(keys),
      {
        cacheKeyFn: (key) => `${key.staff.id}|${key.on}`,
      },
    ),
);

@Resolver(() => StaffMemberDto)
export class StaffMemberResolver {
  @Query(() => StaffMemberConnection, { description: "The caller's organisation's staff register, by name." })
  @Policy(Capability.TRAINING_MANAGE)
  async staffMembers(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Words that must each occur in the name, unit or job title, ignoring case (at most 100 characters); totalCount counts the matches.',
    })
    search?: string,
  ): Promise<StaffMemberConnection> {
    const page = await ctx.services.training.staffRegister.staffMembers(
      ctx.actor,
      first ?? undefined,
      after ?? undefined,
      search ?? null,
    );
    const connection = new StaffMemberConnection();
    connection.edges = page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.count = page.totalCount;
    return connection;
  }

  @Query(() => StaffMemberDto, {
    nullable: true,
    description: "A staff member of the caller's organisation; NOT_FOUND otherwise.",
  })
  @Policy(Capability.TRAINING_MANAGE)
  staffMember(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<StaffMemberDto> {
    return ctx.services.training.staffRegister.staffMember(ctx.actor, id);
  }

  @Mutation(() => StaffMemberDto)
  @Policy(Capability.TRAINING_MANAGE)
  async createStaffMember(
    @Arg('input') input: CreateStaffMemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StaffMemberDto> {
    return ctx.services.training.staffRegister.createStaffMember(ctx.actor, await ctx.transaction(), { ...input });
  }

  @Mutation(() => StaffMemberDto, { description: 'Absent fields stay as they are.' })
  @Policy(Capability.TRAINING_MANAGE)
  async updateStaffMember(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateStaffMemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StaffMemberDto> {
    return ctx.services.training.staffRegister.updateStaffMember(ctx.actor, await ctx.transaction(), id, {
      ...input,
    });
  }

  @Mutation(() => Boolean, {
    description: 'Only a staff member without enrolments or completions (their history is kept).',
  })
  @Policy(Capability.TRAINING_MANAGE)
  async deleteStaffMember(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.training.staffRegister.deleteStaffMember(ctx.actor, await ctx.transaction(), id);
  }

  @Mutation(() => ImportReportDto, {
    description: 'Imports staff from CSV `name,unit,title[,user_email]`; all rows or none.',
  })
  @Policy(Capability.TRAINING_MANAGE)
  async importStaffMembers(@Arg('csv') csv: string, @Ctx() ctx: RequestContext): Promise<ImportReportDto> {
    return ctx.services.training.imports.importStaff(ctx.actor, await ctx.transaction(), csv);
  }

  @Mutation(() => ImportReportDto, {
    description: 'Imports historical completions from CSV `name,unit,course_code,completed_on`; all rows or none.',
  })
  @Policy(Capability.TRAINING_MANAGE)
  async importCompletions(@Arg('csv') csv: string, @Ctx() ctx: RequestContext): Promise<ImportReportDto> {
    return ctx.services.training.imports.importCompletions(ctx.actor, await ctx.transaction(), csv);
  }

  @FieldResolver(() => [CertificateDto], {
    description: 'Required and completed courses, with their status on `on` (default today).',
  })
  @Policy(Capability.TRAINING_MANAGE)
  certificates(
    @Root() staff: StaffMemberDto,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => String, { nullable: true }) on?: string,
  ): Promise<CertificateDto[]> {
    return ctx.services.training.certificates.staffCertificates(
      ctx.actor,
      staff,
      on,
      ctx.loaders.get(certificatesLoader),
    );
  }
}

@Resolver(() => CourseDto)
export class CourseResolver {
  @Query(() => [CourseDto], { description: 'The course catalogue (shared by every organisation).' })
  @Policy(Capability.TRAINING_SELF_READ)
  courses(@Ctx() ctx: RequestContext): Promise<CourseDto[]> {
    return ctx.services.training.catalogue.courses(ctx.actor);
  }

  @Mutation(() => CourseDto, { description: 'Adds a course to the shared catalogue.' })
  @Policy(Capability.TRAINING_MANAGE)
  async createCourse(@Arg('input') input: CreateCourseInput, @Ctx() ctx: RequestContext): Promise<CourseDto> {
    return ctx.services.training.catalogue.createCourse(ctx.actor, await ctx.transaction(), { ...input });
  }

  @Mutation(() => CourseDto, {
    description: 'Changes a course of the shared catalogue; absent fields stay as they are.',
  })
  @Policy(Capability.TRAINING_MANAGE)
  async updateCourse(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCourseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CourseDto> {
    return ctx.services.training.catalogue.updateCourse(ctx.actor, await ctx.transaction(), id, { ...input });
  }

  @Query(() => [TrainingRequirementDto], { description: "The caller's organisation's training requirements." })
  @Policy(Capability.TRAINING_MANAGE)
  trainingRequirements(@Ctx() ctx: RequestContext): Promise<TrainingRequirementDto[]> {
    return ctx.services.training.catalogue.requirements(ctx.actor);
  }

  @Mutation(() => TrainingRequirementDto, {
    description: 'Staff of the given role and/or unit (or all staff) must hold the course.',
  })
  @Policy(Capability.TRAINING_MANAGE)
  async createTrainingRequirement(
    @Arg('input') input: CreateTrainingRequirementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TrainingRequirementDto> {
    return ctx.services.training.catalogue.createRequirement(ctx.actor, await ctx.transaction(), { ...input });
  }

  @Mutation(() => Boolean)
  @Policy(Capability.TRAINING_MANAGE)
  async deleteTrainingRequirement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.training.catalogue.deleteRequirement(ctx.actor, await ctx.transaction(), id);
  }

  @Mutation(() => CertificateDto, {
    description: 'Records a completion made outside a session here (e.g. before the register existed).',
  })
  @Policy(Capability.TRAINING_MANAGE)
  async recordCompletion(
    @Arg('input') input: RecordCompletionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificateDto> {
    return ctx.services.training.sessions.recordCompletion(ctx.actor, await ctx.transaction(), { ...input });
  }

  @Query(() => TrainingRecordDto, {
    description: "The caller's own training record (through the staff member linked to their login).",
  })
  @Policy(Capability.TRAINING_SELF_READ)
  myTrainingRecord(
    @Ctx() ctx: RequestContext,
    @Arg('on', () => String, { nullable: true, description: 'YYYY-MM-DD; default today.' }) on?: string,
  ): Promise<TrainingRecordDto> {
    return ctx.services.training.certificates.myTrainingRecord(ctx.actor, on);
  }

  @Query(() => TrainingCoverageDto, { description: 'Coverage per requirement and unit on a date (default today).' })
  @Policy(Capability.TRAINING_REPORT)
  trainingCoverage(
    @Ctx() ctx: RequestContext,
    @Arg('on', () => String, { nullable: true }) on?: string,
  ): Promise<TrainingCoverageDto> {
    return ctx.services.training.reports.coverage(ctx.actor, on);
  }

  @Query(() => TrainingCsvExportDto, { description: 'The coverage report as CSV; audited as EXPORT.' })
  @Policy(Capability.TRAINING_REPORT)
  @AuditAs(AuditAction.EXPORT)
  async exportTrainingCoverage(
    @Ctx() ctx: RequestContext,
    @Arg('on', () => String, { nullable: true }) on?: string,
  ): Promise<TrainingCsvExportDto> {
    const report = await ctx.services.training.reports.coverage(ctx.actor, on);
    ctx.audit.action = AuditAction.EXPORT;
    return {
      filename: `training-coverage_${report.on}.csv`,
      contentType: 'text/csv; charset=utf-8',
      csv: coverageCsv(report.on, report.rows),
    };
  }

  @Query(() => [ExpiringCertificateDto], {
    description: "Certificates of the caller's organisation's staff expiring within N days of `on` (default today).",
  })
  @Policy(Capability.TRAINING_REPORT)
  expiringCertificates(
    @Arg('withinDays', () => Int) withinDays: number,
    @Ctx() ctx: RequestContext,
    @Arg('on', () => String, { nullable: true }) on?: string,
  ): Promise<ExpiringCertificateDto[]> {
    return ctx.services.training.reports.expiring(ctx.actor, withinDays, on) as Promise<ExpiringCertificateDto[]>;
  }

  @Query(() => [CourseCompletionsDto], { description: 'Completions per course between two dates (both included).' })
  @Policy(Capability.TRAINING_REPORT)
  trainingCompletions(
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CourseCompletionsDto[]> {
    return ctx.services.training.reports.completionsPerCourse(ctx.actor, from, to);
  }
}

@Resolver(() => TrainingSessionDto)
export class TrainingSessionResolver {
  @Query(() => TrainingSessionConnection, {
    description: "Sessions of the caller's organisation and joint sessions of its partners, latest first.",
  })
  @Policy(Capability.TRAINING_MANAGE)
  async trainingSessions(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TrainingSessionConnection> {
    const page = await ctx.services.training.sessions.sessions(ctx.actor, first ?? undefined, after ?? undefined);
    const connection = new TrainingSessionConnection();
    connection.edges = page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] }));
    connection.pageInfo = { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null };
    connection.count = page.totalCount;
    return connection;
  }

  @Query(() => TrainingSessionDto, { nullable: true })
  @Policy(Capability.TRAINING_MANAGE)
  trainingSession(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TrainingSessionDto> {
    return ctx.services.training.sessions.session(ctx.actor, id);
  }

  @Mutation(() => TrainingSessionDto)
  @Policy(Capability.TRAINING_MANAGE)
  async createTrainingSession(
    @Arg('input') input: CreateTrainingSessionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TrainingSessionDto> {
    return ctx.services.training.sessions.createSession(ctx.actor, await ctx.transaction(), { ...input });
  }

  @Mutation(() => TrainingSessionDto, { description: "Changes a session of the caller's organisation." })
  @Policy(Capability.TRAINING_MANAGE)
  async updateTrainingSession(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateTrainingSessionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TrainingSessionDto> {
    return ctx.services.training.sessions.updateSession(ctx.actor, await ctx.transaction(), id, { ...input });
  }

  @Mutation(() => TrainingSessionDto, {
    description: "Cancels a session of the caller's organisation and every open enrolment on it.",
  })
  @Policy(Capability.TRAINING_MANAGE)
  async cancelTrainingSession(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<TrainingSessionDto> {
    return ctx.services.training.sessions.cancelSession(ctx.actor, await ctx.transaction(), id);
  }

  @Mutation(() => EnrolmentDto, {
    description: "Enrols a staff member of the caller's organisation; WAITLISTED when the session is full.",
  })
  @Policy(Capability.TRAINING_MANAGE)
  async enrol(
    @Arg('sessionId', () => ID) sessionId: string,
    @Arg('staffMemberId', () => ID) staffMemberId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<EnrolmentDto> {
    return ctx.services.training.sessions.enrol(ctx.actor, await ctx.transaction(), sessionId, staffMemberId);
  }

  @Mutation(() => EnrolmentDto, {
    description: 'Cancels an enrolment; a freed place goes to the first on the waitlist.',
  })
  @Policy(Capability.TRAINING_MANAGE)
  async cancelEnrolment(
    @Arg('enrolmentId', () => ID) enrolmentId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<EnrolmentDto> {
    return ctx.services.training.sessions.cancelEnrolment(ctx.actor, await ctx.transaction(), enrolmentId);
  }

  @Mutation(() => EnrolmentDto, {
    description: "COMPLETED (records the completion; date default: the session's last day) or NO_SHOW.",
  })
  @Policy(Capability.TRAINING_MANAGE)
  async recordAttendance(
    @Arg('enrolmentId', () => ID) enrolmentId: string,
    @Arg('status', () => EnrolmentStatus) status: EnrolmentStatus,
    @Ctx() ctx: RequestContext,
    @Arg('completedOn', () => String, { nullable: true }) completedOn?: string,
  ): Promise<EnrolmentDto> {
    return ctx.services.training.sessions.recordAttendance(
      ctx.actor,
      await ctx.transaction(),
      enrolmentId,
      status,
      completedOn,
    );
  }
}
