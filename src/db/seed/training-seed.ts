import type { EntityManager } from 'typeorm';
import { addDays, addMonths, todayInSweden } from '../../modules/training/certification-status';
import {
  Course,
  Enrolment,
  EnrolmentStatus,
  StaffMember,
  TrainingCompletion,
  TrainingRequirement,
  TrainingSession,
} from '../../modules/training/training.entities';

/** The course catalogue of the demo (shared by every organisation). */
export const DEMO_COURSES: readonly Omit<Course, 'id' | 'createdAt' | 'ownerOrganisationId'>[] = [
  {
    code: 'FREDA-KORT',
    title: 'FREDA kortfrågor',
    provider: 'Socialstyrelsen',
    hours: 3,
    validityMonths: 36,
    renewalWindowDays: 90,
  },
  {
    code: 'FREDA-BESK',
    title: 'FREDA beskrivning',
    provider: 'Socialstyrelsen',
    hours: 7,
    validityMonths: 36,
    renewalWindowDays: 90,
  },
  {
    code: 'FREDA-FARLIG',
    title: 'FREDA farlighetsbedömning',
    provider: 'Socialstyrelsen',
    hours: 7,
    validityMonths: 24,
    renewalWindowDays: 60,
  },
  {
    code: 'SARA:SV',
    title: 'SARA:SV – bedömning av risk för upprepat partnervåld',
    provider: 'Polismyndigheten',
    hours: 16,
    validityMonths: 24,
    renewalWindowDays: 60,
  },
  {
    code: 'PATRIARK',
    title: 'PATRIARK – bedömning av risk för hedersrelaterat våld',
    provider: 'Polismyndigheten',
    hours: 8,
    validityMonths: 24,
    renewalWindowDays: 60,
  },
  {
    code: 'VNR-GRUND',
    title: 'Grundkurs våld i nära relation',
    provider: 'Nationellt centrum för kvinnofrid',
    hours: 6,
    validityMonths: null,
    renewalWindowDays: 0,
  },
  {
    code: 'HRV',
    title: 'Hedersrelaterat våld och förtryck',
    provider: 'Länsstyrelsen Östergötland',
    hours: 6,
    validityMonths: 48,
    renewalWindowDays: 120,
  },
];

type Status = 'VALID' | 'EXPIRING' | 'EXPIRED';

interface DemoStaff {
  name: string;
  unit: string;
  title: string;
  /** Demo login to link, if any. */
  email?: string;
  /** Course code → the status the seeded completion gives today. */
  holds?: Record<string, Status>;
}

const POLICE_STAFF: DemoStaff[] = [
  {
    name: 'Kommunpolis Södra Roslagen',
    unit: 'Samverkan',
    title: 'Kommunpolis',
    email: 'kommunpolis@polisen.example',
    holds: { 'SARA:SV': 'VALID', 'VNR-GRUND': 'VALID' },
  },
  {
    name: 'Utbildningssamordnare Polisen',
    unit: 'Samverkan',
    title: 'Utbildningssamordnare',
    email: 'utbildning@polisen.example',
    holds: { 'VNR-GRUND': 'VALID' },
  },
  {
    name: 'Anders Berglund',
    unit: 'Utredning brott i nära relation',
    title: 'Utredare',
    holds: { 'SARA:SV': 'VALID', PATRIARK: 'EXPIRING', 'VNR-GRUND': 'VALID' },
  },
  {
    name: 'Maria Lindqvist',
    unit: 'Utredning brott i nära relation',
    title: 'Utredare',
    holds: { 'SARA:SV': 'EXPIRING', PATRIARK: 'VALID', 'VNR-GRUND': 'VALID' },
  },
  {
    name: 'Johan Ek',
    unit: 'Utredning brott i nära relation',
    title: 'Utredare',
    holds: { 'SARA:SV': 'EXPIRED', 'VNR-GRUND': 'VALID' },
  },
  { name: 'Sara Holm', unit: 'Utredning brott i nära relation', title: 'Utredare' },
  { name: 'Erik Sandberg', unit: 'Ingripande', title: 'Polisassistent', holds: { 'VNR-GRUND': 'VALID' } },
  { name: 'Lina Åberg', unit: 'Ingripande', title: 'Polisassistent' },
];

const DANDERYD_STAFF: DemoStaff[] = [
  {
    name: 'Socialsekreterare Danderyd',
    unit: 'Vuxenenheten',
    title: 'Socialsekreterare',
    email: 'socialsekreterare@danderyd.example',
    holds: { 'FREDA-KORT': 'VALID', 'FREDA-BESK': 'VALID', 'FREDA-FARLIG': 'VALID', 'VNR-GRUND': 'VALID' },
  },
  {
    name: 'Utbildningssamordnare Danderyd',
    unit: 'Stab',
    title: 'Utbildningssamordnare',
    email: 'utbildning@danderyd.example',
    holds: { 'VNR-GRUND': 'VALID' },
  },
  {
    name: 'Karin Nyström',
    unit: 'Vuxenenheten',
    title: 'Socialsekreterare',
    holds: { 'FREDA-KORT': 'EXPIRING', 'FREDA-FARLIG': 'EXPIRED', 'VNR-GRUND': 'VALID' },
  },
  { name: 'Oskar Wallin', unit: 'Vuxenenheten', title: 'Socialsekreterare', holds: { 'FREDA-KORT': 'EXPIRED' } },
  {
    name: 'Fatima Hassan',
    unit: 'Barn och familj',
    title: 'Socialsekreterare',
    holds: { 'FREDA-KORT': 'VALID', HRV: 'EXPIRING', 'VNR-GRUND': 'VALID' },
  },
  { name: 'Peter Sjöberg', unit: 'Barn och familj', title: 'Socialsekreterare', holds: { HRV: 'VALID' } },
  { name: 'Elin Forsberg', unit: 'Barn och familj', title: 'Familjebehandlare' },
];

const TABY_STAFF: DemoStaff[] = [
  {
    name: 'Socialsekreterare Täby',
    unit: 'Vuxenenheten',
    title: 'Socialsekreterare',
    email: 'socialsekreterare@taby.example',
    holds: { 'FREDA-KORT': 'VALID' },
  },
  { name: 'Nora Lund', unit: 'Vuxenenheten', title: 'Socialsekreterare', holds: { 'FREDA-KORT': 'EXPIRED' } },
  { name: 'Viktor Holmberg', unit: 'Barn och familj', title: 'Socialsekreterare' },
];

const REQUIREMENTS: Record<
  'police' | 'danderyd' | 'taby',
  { code: string; role: string | null; unit: string | null }[]
> = {
  police: [
    { code: 'VNR-GRUND', role: null, unit: null },
    { code: 'SARA:SV', role: 'Utredare', unit: null },
    { code: 'SARA:SV', role: 'Kommunpolis', unit: null },
    { code: 'PATRIARK', role: 'Utredare', unit: null },
  ],
  danderyd: [
    { code: 'VNR-GRUND', role: null, unit: null },
    { code: 'FREDA-KORT', role: 'Socialsekreterare', unit: null },
    { code: 'FREDA-FARLIG', role: null, unit: 'Vuxenenheten' },
    { code: 'HRV', role: null, unit: 'Barn och familj' },
  ],
  taby: [{ code: 'FREDA-KORT', role: 'Socialsekreterare', unit: null }],
};

/** A completion date that gives `status` today for the course (see certification-status.ts). */
function completionFor(course: Omit<Course, 'id' | 'createdAt'>, status: Status, today: string, salt: number): string {
  if (course.validityMonths === null) return addMonths(today, -(12 + salt));
  const back = addMonths(today, -course.validityMonths);
  switch (status) {
    case 'VALID':
      return addMonths(today, -(3 + (salt % 6))); // well inside validity and outside any window
    case 'EXPIRING':
      return addDays(back, Math.max(1, Math.floor(course.renewalWindowDays / 3)) + (salt % 5)); // expires in a few weeks
    case 'EXPIRED':
      return addMonths(back, -(2 + (salt % 4)));
  }
}

/**
 * Training demo data: the course catalogue, staff registers of the police, Danderyd and Täby (some
 * linked to demo logins), requirements, a few sessions with enrolments, and completions spread so
 * that VALID, EXPIRING, EXPIRED and MISSING all occur on the day of seeding. Idempotent: courses,
 * staff, requirements and sessions are matched by natural keys; completions and enrolments are
 * added only while none exist.
 */
export async function seedTraining(
  manager: EntityManager,
  input: { organisations: { police: string; danderyd: string; taby: string }; users: Map<string, string>; now?: Date },
): Promise<void> {
  const today = todayInSweden(input.now ?? new Date());
  const courses = new Map<string, Course>();
  for (const c of DEMO_COURSES) {
    courses.set(
      c.code,
      (await manager.findOne(Course, { where: { code: c.code } })) ?? (await manager.save(manager.create(Course, c))),
    );
  }
  // The risk-assessment gates: each organisation's gate names a course it owns, by id.
  for (const [organisation, method, code] of [
    [input.organisations.danderyd, 'FREDA_DANGER_ASSESSMENT', 'FREDA-FARLIG'],
    [input.organisations.police, 'SARA_SV', 'SARA:SV'],
    [input.organisations.police, 'PATRIARK', 'PATRIARK'],
  ] as const) {
    const course = courses.get(code)!;
    await manager.query(`UPDATE course SET owner_organisation_id = $2 WHERE id = $1`, [course.id, organisation]);
    await manager.query(
      `INSERT INTO risk_assessment_gate (organisation_id, method, course_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [organisation, method, course.id],
    );
  }
  const registers: [keyof typeof REQUIREMENTS, string, DemoStaff[]][] = [
    ['police', input.organisations.police, POLICE_STAFF],
    ['danderyd', input.organisations.danderyd, DANDERYD_STAFF],
    ['taby', input.organisations.taby, TABY_STAFF],
  ];
  const seededCompletions = (await manager.count(TrainingCompletion)) > 0;
  const staffByName = new Map<string, StaffMember>();
  let salt = 0;
  for (const [key, organisationId, staff] of registers) {
    for (const s of staff) {
      const userId = s.email ? (input.users.get(s.email) ?? null) : null;
      const member =
        (await manager.findOne(StaffMember, { where: { organisationId, name: s.name } })) ??
        (await manager.save(
          manager.create(StaffMember, { organisationId, name: s.name, unit: s.unit, title: s.title, userId }),
        ));
      staffByName.set(s.name, member);
      if (seededCompletions) continue;
      for (const [code, status] of Object.entries(s.holds ?? {})) {
        const course = courses.get(code)!;
        const completedOn = completionFor(course, status, today, salt++);
        await manager.save(
          manager.create(TrainingCompletion, {
            staffMemberId: member.id,
            courseId: course.id,
            completedOn,
            enrolmentId: null,
            recordedBy: userId ?? input.users.get('utbildning@polisen.example')!,
          }),
        );
      }
    }
    for (const r of REQUIREMENTS[key]) {
      const courseId = courses.get(r.code)!.id;
      const all = await manager.find(TrainingRequirement, { where: { organisationId, courseId } });
      if (all.some((x) => x.role === r.role && x.unit === r.unit)) continue;
      await manager.save(manager.create(TrainingRequirement, { organisationId, courseId, role: r.role, unit: r.unit }));
    }
  }

  // Sessions: a joint SARA:SV course held by the police, FREDA courses in Danderyd, an HRV day in Täby.
  const at = (days: number, hour: number): Date =>
    new Date(`${addDays(today, days)}T${String(hour - 1).padStart(2, '0')}:00:00.000Z`);
  const sessions: {
    organisationId: string;
    code: string;
    days: number;
    place: string;
    capacity: number;
    instructor: string;
    joint: boolean;
    enrol: string[];
  }[] = [
    {
      organisationId: input.organisations.police,
      code: 'SARA:SV',
      days: 30,
      place: 'Polishuset Täby, Stationsvägen 13',
      capacity: 12,
      instructor: 'Regional utbildare SARA:SV',
      joint: true,
      enrol: ['Johan Ek', 'Sara Holm', 'Maria Lindqvist'],
    },
    {
      organisationId: input.organisations.police,
      code: 'VNR-GRUND',
      days: 45,
      place: 'Polishuset Täby, Stationsvägen 13',
      capacity: 20,
      instructor: 'Kommunpolis Södra Roslagen',
      joint: false,
      enrol: ['Lina Åberg'],
    },
    {
      organisationId: input.organisations.danderyd,
      code: 'FREDA-KORT',
      days: 21,
      place: 'Danderyds kommunhus, Mörby centrum',
      capacity: 3,
      instructor: 'Socialstyrelsens utbildare',
      joint: false,
      enrol: ['Oskar Wallin', 'Karin Nyström', 'Elin Forsberg', 'Peter Sjöberg'],
    },
    {
      organisationId: input.organisations.danderyd,
      code: 'HRV',
      days: 60,
      place: 'Danderyds kommunhus, Mörby centrum',
      capacity: 25,
      instructor: 'Länsstyrelsen Östergötland',
      joint: true,
      enrol: ['Elin Forsberg'],
    },
  ];
  const hadEnrolments = (await manager.count(Enrolment)) > 0;
  for (const s of sessions) {
    const courseId = courses.get(s.code)!.id;
    let session = await manager.findOne(TrainingSession, {
      where: { organisationId: s.organisationId, courseId, place: s.place },
    });
    session ??= await manager.save(
      manager.create(TrainingSession, {
        organisationId: s.organisationId,
        courseId,
        startsAt: at(s.days, 9),
        endsAt: at(s.days, 16),
        place: s.place,
        capacity: s.capacity,
        instructor: s.instructor,
        joint: s.joint,
      }),
    );
    if (hadEnrolments) continue;
    let enrolled = 0;
    for (const [i, name] of s.enrol.entries()) {
      const staff = staffByName.get(name)!;
      const status = enrolled < s.capacity ? EnrolmentStatus.ENROLLED : EnrolmentStatus.WAITLISTED;
      if (status === EnrolmentStatus.ENROLLED) enrolled++;
      await manager.save(
        manager.create(Enrolment, {
          sessionId: session.id,
          staffMemberId: staff.id,
          status,
          completedOn: null,
          enrolledAt: new Date((input.now ?? new Date()).getTime() - (s.enrol.length - i) * 3_600_000),
          enrolledBy: input.users.get(
            s.organisationId === input.organisations.police
              ? 'utbildning@polisen.example'
              : 'utbildning@danderyd.example',
          )!,
        }),
      );
    }
  }
}
