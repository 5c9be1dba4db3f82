import type { EntityManager } from 'typeorm';
import {
  PreventionActivity,
  PreventionActivityStatus,
  PreventionActivityType,
  Visibility,
} from '../../modules/prevention/prevention-activity.entity';
import { Commitment, Place } from '../../modules/prevention/prevention.entities';
import { seededRandom } from './seed-random';

interface Template {
  type: PreventionActivityType;
  titles: string[];
  /** Which commitment title it follows up, if any. */
  commitment?: string;
  perYear: number;
  reach: [number, number];
  actors: string[];
  shared: number;
}

const POLICE_TEMPLATES: Template[] = [
  {
    type: PreventionActivityType.SAFETY_PATROL,
    titles: ['Trygghetspatrullering kväll', 'Trygghetspatrullering helg', 'Fotpatrullering centrum'],
    commitment: 'Trygghetspatrulleringar',
    perYear: 24,
    reach: [0, 40],
    actors: ['Polisen LPO Södra Roslagen'],
    shared: 0.7,
  },
  {
    type: PreventionActivityType.SAFETY_WALK,
    titles: ['Trygghetsvandring med nyckelaktörer', 'Trygghetsvandring i bostadsområde'],
    commitment: 'Trygghetsvandringar',
    perYear: 3,
    reach: [10, 45],
    actors: ['Polisen LPO Södra Roslagen', 'Kommunen', 'Fastighetsägare', 'Boende'],
    shared: 1,
  },
  {
    type: PreventionActivityType.STAFF_CONSULTATION,
    titles: ['Samråd om våld i nära relation', 'Gemensamt ärendeforum'],
    commitment: 'Förebygga och upptäcka våld i nära relation',
    perYear: 4,
    reach: [5, 20],
    actors: ['Polisen LPO Södra Roslagen', 'Socialtjänsten'],
    shared: 0.5,
  },
];

const MUNICIPALITY_TEMPLATES: Template[] = [
  {
    type: PreventionActivityType.GUARD_PATROL,
    titles: ['Väktarrond kväll och natt', 'Väktarrond helg'],
    commitment: 'Väktare på otrygga platser',
    perYear: 20,
    reach: [0, 25],
    actors: ['Väktarbolag på uppdrag av kommunen'],
    shared: 0.6,
  },
  {
    type: PreventionActivityType.PARENT_WALK,
    titles: ['Föräldravandring fredag', 'Föräldravandring lördag'],
    commitment: 'Föräldravandrare och ungdomskoordinatorer',
    perYear: 16,
    reach: [15, 80],
    actors: ['Föräldravandrare', 'Ungdomskoordinatorer'],
    shared: 0.8,
  },
  {
    type: PreventionActivityType.YOUTH_OUTREACH,
    titles: ['Fältarbete ungdomskoordinatorer', 'Uppsökande arbete vid station'],
    commitment: 'Föräldravandrare och ungdomskoordinatorer',
    perYear: 10,
    reach: [10, 60],
    actors: ['Ungdomskoordinatorer', 'Fältassistenter'],
    shared: 0.5,
  },
  {
    type: PreventionActivityType.INFORMATION_CAMPAIGN,
    titles: ['Informationskampanj om våld i nära relation', 'Kampanj: Du är inte ensam'],
    commitment: 'Förebygga och upptäcka våld i nära relation',
    perYear: 2,
    reach: [200, 1500],
    actors: ['Socialtjänsten', 'Kvinnojouren'],
    shared: 1,
  },
  {
    type: PreventionActivityType.SCHOOL_PROGRAMME,
    titles: ['Skolprogram om relationer och gränser', 'Föreläsning för gymnasieelever'],
    commitment: 'Förebygga och upptäcka våld i nära relation',
    perYear: 4,
    reach: [25, 120],
    actors: ['Socialtjänsten', 'Elevhälsan'],
    shared: 0.3,
  },
  {
    type: PreventionActivityType.CAMERA_SURVEILLANCE,
    titles: ['Kamerabevakning Vendevägen: kvartalsgenomgång'],
    commitment: 'Kamerabevakning vid Vendevägen',
    perYear: 4,
    reach: [0, 0],
    actors: ['Danderyds kommun'],
    shared: 1,
  },
  {
    type: PreventionActivityType.STAFF_CONSULTATION,
    titles: ['Intern konsultation FREDA-bedömningar'],
    commitment: 'Förebygga och upptäcka våld i nära relation',
    perYear: 3,
    reach: [4, 15],
    actors: ['Socialtjänsten'],
    shared: 0,
  },
];

/** The work of a municipality's safety/security function: cameras, guards and safety walks. */
const SAFETY_FUNCTION_TYPES: readonly PreventionActivityType[] = [
  PreventionActivityType.CAMERA_SURVEILLANCE,
  PreventionActivityType.GUARD_PATROL,
  PreventionActivityType.SAFETY_WALK,
];

const FIRST_YEAR = 2023;
const LAST_YEAR = 2026;

/**
 * Prevention activities for the demo: patrols, safety walks, guard rounds, parent walks, campaigns
 * and school programmes in Danderyd and Täby over 2023–2026, some shared with the partnership and
 * some not. Activities in the past are DONE (a few CANCELLED), later ones PLANNED. Seeded only when
 * no activity exists yet.
 */
export async function seedPreventionActivities(
  manager: EntityManager,
  input: {
    police: { id: string; creatorId: string };
    /**
     * `safetyFunction`: the municipality's safety/security function, which owns the camera, guard
     * and safety-walk work in that area (otherwise the social services and the police do).
     */
    municipalities: {
      organisationId: string;
      creatorId: string;
      areaId: string;
      areaName: string;
      safetyFunction?: { organisationId: string; creatorId: string };
    }[];
    now?: Date;
  },
): Promise<number> {
  if ((await manager.count(PreventionActivity)) > 0) return 0;
  const now = input.now ?? new Date();
  const rnd = seededRandom(20230101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const rows: Partial<PreventionActivity>[] = [];
  for (const municipality of input.municipalities) {
    const places = await manager.find(Place, { where: { areaId: municipality.areaId } });
    const commitments = await manager.find(Commitment);
    const commitmentByTitle = new Map(commitments.map((c) => [c.title, c]));
    const plan: [Template, string, string][] = [
      ...POLICE_TEMPLATES.map((t) => [t, input.police.id, input.police.creatorId] as [Template, string, string]),
      ...MUNICIPALITY_TEMPLATES.filter(
        (t) => t.type !== PreventionActivityType.CAMERA_SURVEILLANCE || municipality.areaName === 'Danderyd',
      ).map((t) => [t, municipality.organisationId, municipality.creatorId] as [Template, string, string]),
    ];
    const safety = municipality.safetyFunction;
    // Only the owner changes: the generator draws the same numbers, so the demo figures stay as they were.
    const ownerOf = (t: Template, organisationId: string, creatorId: string): [string, string] =>
      safety && SAFETY_FUNCTION_TYPES.includes(t.type)
        ? [safety.organisationId, safety.creatorId]
        : [organisationId, creatorId];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (const [t, plannedOwner, plannedCreator] of plan) {
        const [organisationId, creatorId] = ownerOf(t, plannedOwner, plannedCreator);
        // Täby is smaller in this demo: about half the activity.
        const count = Math.max(1, Math.round(t.perYear * (municipality.areaName === 'Täby' ? 0.5 : 1)));
        for (let i = 0; i < count; i++) {
          const month = Math.floor(((i + rnd()) / count) * 12);
          const day = 1 + Math.floor(rnd() * 27);
          const hour =
            t.type === PreventionActivityType.SAFETY_PATROL ||
            t.type === PreventionActivityType.GUARD_PATROL ||
            t.type === PreventionActivityType.PARENT_WALK
              ? 18 + Math.floor(rnd() * 4)
              : 9 + Math.floor(rnd() * 7);
          const startsAt = new Date(Date.UTC(year, month, day, hour - 1, 0, 0));
          const endsAt = new Date(startsAt.getTime() + (1 + Math.floor(rnd() * 3)) * 3600_000);
          const past = endsAt < now;
          const status = past
            ? rnd() < 0.06
              ? PreventionActivityStatus.CANCELLED
              : PreventionActivityStatus.DONE
            : PreventionActivityStatus.PLANNED;
          const vendevagen = places.find((p) => p.name === 'Vendevägen');
          const place =
            t.type === PreventionActivityType.CAMERA_SURVEILLANCE
              ? vendevagen
              : places.length > 0 && rnd() < 0.8
                ? pick(places)
                : undefined;
          const commitment =
            municipality.areaName === 'Danderyd' && t.commitment ? commitmentByTitle.get(t.commitment) : undefined;
          const row: Partial<PreventionActivity> = {
            organisationId,
            commitmentId: commitment?.id ?? null,
            type: t.type,
            title: `${pick(t.titles)}${place ? `, ${place.name}` : `, ${municipality.areaName}`}`,
            description: null,
            areaId: municipality.areaId,
            placeId: place?.id ?? null,
            startsAt,
            endsAt,
            status,
            participatingActors: t.actors,
            peopleReached:
              status === PreventionActivityStatus.DONE
                ? t.reach[0] + Math.floor(rnd() * (t.reach[1] - t.reach[0] + 1))
                : null,
            outcomeNotes: status === PreventionActivityStatus.DONE && rnd() < 0.3 ? 'Genomfört enligt plan.' : null,
            visibility: rnd() < t.shared ? Visibility.PARTNERSHIP : Visibility.ORGANISATION,
            createdBy: creatorId,
          };
          // The cameras are a measure of their own (camera-seed.ts), not activities. The row is still
          // drawn, so that every other demo figure stays as it was.
          if (t.type !== PreventionActivityType.CAMERA_SURVEILLANCE) rows.push(row);
        }
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await manager.insert(PreventionActivity, rows.slice(i, i + 500));
  return rows.length;
}
