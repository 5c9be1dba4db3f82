import type { EntityManager } from 'typeorm';
import { Commitment } from '../../modules/prevention/prevention.entities';
import { CommitmentTarget, EffectMeasure, SafetySurvey, TargetDirection } from '../../modules/reports/effect.entities';

const FEEL_SAFE = 'Hur trygg känner du dig när du går ut ensam sent en kväll i ditt bostadsområde?';
const WORRY = 'Har du under det senaste året avstått från att gå ut på grund av oro för att utsättas för brott?';

/** Shares per year: the demo's safety survey in Danderyd improves a little each year. */
const SURVEYS: Record<number, { respondents: number; safe: number[]; avoided: number[] }> = {
  2023: { respondents: 812, safe: [0.31, 0.42, 0.19, 0.08], avoided: [0.18, 0.82] },
  2024: { respondents: 865, safe: [0.33, 0.43, 0.17, 0.07], avoided: [0.16, 0.84] },
  2025: { respondents: 901, safe: [0.36, 0.42, 0.16, 0.06], avoided: [0.14, 0.86] },
};

/** Safety surveys of the Danderyd area 2023–2025 and expected effects of two commitments (demo data). */
export async function seedEffects(
  manager: EntityManager,
  input: { partnershipId: string; areaId: string; organisationId: string; userId: string },
): Promise<void> {
  if ((await manager.count(SafetySurvey, { where: { partnershipId: input.partnershipId } })) > 0) return;
  for (const [year, s] of Object.entries(SURVEYS)) {
    await manager.save(
      manager.create(SafetySurvey, {
        partnershipId: input.partnershipId,
        areaId: input.areaId,
        year: Number(year),
        respondents: s.respondents,
        questions: [
          {
            question: FEEL_SAFE,
            answers: ['Mycket trygg', 'Ganska trygg', 'Ganska otrygg', 'Mycket otrygg'].map((answer, i) => ({
              answer,
              share: s.safe[i],
            })),
          },
          { question: WORRY, answers: ['Ja', 'Nej'].map((answer, i) => ({ answer, share: s.avoided[i] })) },
        ],
        recordedBy: input.userId,
        recordedByOrganisationId: input.organisationId,
      }),
    );
  }
  const commitments = new Map(
    (await manager.find(Commitment, { where: { partnershipId: input.partnershipId } })).map((c) => [c.title, c.id]),
  );
  const targets = [
    {
      title: 'Trygghetspatrulleringar',
      description: 'Färre avstår från att gå ut av oro för brott',
      measure: EffectMeasure.SURVEY_SHARE,
      surveyQuestion: WORRY,
      surveyAnswer: 'Ja',
      targetValue: 0.15,
      direction: TargetDirection.AT_MOST,
    },
    {
      title: 'Trygghetsvandringar',
      description: 'Minst 40 trygghetsvandringar och patrulleringar per år',
      measure: EffectMeasure.ACTIVITIES,
      surveyQuestion: null,
      surveyAnswer: null,
      targetValue: 40,
      direction: TargetDirection.AT_LEAST,
    },
  ];
  for (const t of targets) {
    const commitmentId = commitments.get(t.title);
    if (!commitmentId) continue;
    const { title: _title, ...rest } = t;
    await manager.save(
      manager.create(CommitmentTarget, {
        ...rest,
        commitmentId,
        partnershipId: input.partnershipId,
        recordedBy: input.userId,
        recordedByOrganisationId: input.organisationId,
      }),
    );
  }
}
