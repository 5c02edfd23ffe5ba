import { z } from 'zod';
import {
  CADENCES,
  type CohortSettings,
  DEFAULT_MIN_OVERLAP_HOURS,
  type SettingsField,
  TRACKS,
} from '../../domain/cohorts';
import { CohortIds as Ids } from '../ids';
import {
  readConversation,
  readDate,
  readOption,
  readOptions,
  readText,
  type ViewStateValues,
} from '../state';

export const BLOCK_OF_FIELD: Record<SettingsField, string> = {
  name: Ids.name,
  slug: Ids.slug,
  track: Ids.track,
  groupSize: Ids.groupSize,
  enrollmentOpensOn: Ids.enrollmentOpensOn,
  enrollmentClosesOn: Ids.enrollmentClosesOn,
  startsOn: Ids.startsOn,
  endsOn: Ids.endsOn,
  defaultCadence: Ids.defaultCadence,
  announcementChannelId: Ids.announcementChannelId,
  guidelines: Ids.guidelines,
  surveyMidpoint: Ids.surveys,
  surveyEnd: Ids.surveys,
  nominatedOnly: Ids.options,
  minOverlapHours: Ids.minOverlapHours,
  reverseSkills: Ids.reverseSkills,
};

const metadata = z.object({ cohortId: z.number().int().positive().nullable() });

export type CohortSubmission =
  | { ok: true; cohortId: number | null; settings: CohortSettings }
  | { ok: false; errors: Record<string, string> };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Turns the cohort modal's state into settings, or field errors for what is missing or malformed. */
export function parseCohortSubmission(values: ViewStateValues, privateMetadata: string): CohortSubmission {
  const errors: Record<string, string> = {};
  const required = (blockId: string, value: string | undefined, message: string): string => {
    if (value === undefined) errors[blockId] = message;
    return value ?? '';
  };
  const date = (blockId: string): string => {
    const value = required(blockId, readDate(values, blockId), 'Please pick a date.');
    if (value !== '' && !ISO_DATE.test(value)) errors[blockId] = 'Please pick a date.';
    return value;
  };
  const track = z.enum(TRACKS).safeParse(readOption(values, Ids.track));
  if (!track.success) errors[Ids.track] = 'Please choose a track.';
  const cadence = z.enum(CADENCES).safeParse(readOption(values, Ids.defaultCadence));
  if (!cadence.success) errors[Ids.defaultCadence] = 'Please choose a cadence.';
  const groupText = readText(values, Ids.groupSize);
  const groupSize = groupText === undefined ? null : Number(groupText);
  if (groupSize !== null && !Number.isInteger(groupSize))
    errors[Ids.groupSize] = 'Please enter a whole number.';
  const overlapText = readText(values, Ids.minOverlapHours);
  const minOverlapHours = overlapText === undefined ? DEFAULT_MIN_OVERLAP_HOURS : Number(overlapText);
  if (!Number.isInteger(minOverlapHours)) errors[Ids.minOverlapHours] = 'Please enter whole hours.';
  const surveys = readOptions(values, Ids.surveys);
  const settings: CohortSettings = {
    name: required(Ids.name, readText(values, Ids.name), 'Please give the cohort a name.').trim(),
    slug: required(Ids.slug, readText(values, Ids.slug), 'Please choose a short name.').trim().toLowerCase(),
    track: track.success ? track.data : 'high_potential',
    groupSize,
    enrollmentOpensOn: date(Ids.enrollmentOpensOn),
    enrollmentClosesOn: date(Ids.enrollmentClosesOn),
    startsOn: date(Ids.startsOn),
    endsOn: date(Ids.endsOn),
    defaultCadence: cadence.success ? cadence.data : 'biweekly',
    announcementChannelId: readConversation(values, Ids.announcementChannelId) ?? null,
    guidelines: readText(values, Ids.guidelines) ?? '',
    surveyMidpoint: surveys.includes('midpoint'),
    surveyEnd: surveys.includes('end'),
    nominatedOnly: readOptions(values, Ids.options).includes('nominated_only'),
    minOverlapHours,
    reverseSkills: readOptions(values, Ids.reverseSkills),
  };
  let cohortId: number | null = null;
  try {
    const parsed = metadata.safeParse(JSON.parse(privateMetadata));
    if (parsed.success) cohortId = parsed.data.cohortId;
    else errors[Ids.name] = 'This form is out of date; please close it and start again.';
  } catch {
    errors[Ids.name] = 'This form is out of date; please close it and start again.';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, cohortId, settings };
}
