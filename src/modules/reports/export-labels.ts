/** Swedish labels of the codes an export shows (people read exports; codes stay in the API). */
export const ACTIVITY_TYPE_SV: Record<string, string> = {
  SAFETY_PATROL: 'Trygghetspatrullering',
  SAFETY_WALK: 'Trygghetsvandring',
  GUARD_PATROL: 'Väktarrond',
  PARENT_WALK: 'Föräldravandring',
  YOUTH_OUTREACH: 'Ungdomsarbete (fältarbete)',
  NEIGHBOURHOOD_WATCH: 'Grannsamverkan',
  CAMERA_SURVEILLANCE: 'Kamerabevakning',
  INFORMATION_CAMPAIGN: 'Informationskampanj',
  SCHOOL_PROGRAMME: 'Skolprogram',
  STAFF_CONSULTATION: 'Konsultation med personal',
  OTHER: 'Övrigt',
};

export const ACTIVITY_STATUS_SV: Record<string, string> = {
  PLANNED: 'Planerad',
  DONE: 'Genomförd',
  CANCELLED: 'Inställd',
};

export const VISIBILITY_SV: Record<string, string> = {
  ORGANISATION: 'Egen organisation',
  PARTNERSHIP: 'Delad i samverkan',
};

export const ORGANISATION_KIND_SV: Record<string, string> = {
  POLICE: 'Polisen',
  SOCIAL_SERVICES: 'Socialtjänsten',
  SAFETY_FUNCTION: 'Trygghet och säkerhet',
  PARTNER: 'Samverkanspart',
};

export const MEASURE_SV: Record<string, string> = {
  SURVEY_SHARE: 'Andel svar i trygghetsmätningen',
  ACTIVITIES: 'Antal aktiviteter',
  PEOPLE_REACHED: 'Antal nådda personer',
};

export const DIRECTION_SV: Record<string, string> = { AT_LEAST: 'minst', AT_MOST: 'högst' };

export const COMMITMENT_STATUS_SV: Record<string, string> = {
  ACTIVE: 'Pågående',
  COMPLETED: 'Avslutat',
  CANCELLED: 'Avbrutet',
};

export const label = (map: Record<string, string>, code: string | null | undefined): string =>
  code === null || code === undefined ? '' : (map[code] ?? code);
