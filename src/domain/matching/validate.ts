import { isSeed } from './hash';
import { MAX_SPAN_MS, isTimeZone, referenceInstant } from './time-zones';
import type { MatchingInput } from './types';

const MAX_LISTED = 20;

/** Levels are held in 32-bit arrays; no HR scale comes near this. */
export const MAX_LEVEL = 1_000_000;

/**
 * Every reason the input cannot be matched as given. Pairs that mention people outside the
 * cohort (earlier cohorts' pairs, stale admin rules) are not problems: they simply never apply.
 */
export function inputProblems(input: MatchingInput): string[] {
  const problems: string[] = [];
  const { rules } = input;
  if (!isSeed(input.seed))
    problems.push(`seed must be a whole number from 0 to 4294967295 (got ${input.seed})`);
  if (referenceInstant(rules.referenceDate) === undefined) {
    problems.push(`rules.referenceDate must be a date as YYYY-MM-DD (got "${rules.referenceDate}")`);
  }
  if (rules.referenceEndDate !== undefined) {
    const end = referenceInstant(rules.referenceEndDate);
    const start = referenceInstant(rules.referenceDate);
    if (end === undefined) {
      problems.push(`rules.referenceEndDate must be a date as YYYY-MM-DD (got "${rules.referenceEndDate}")`);
    } else if (start !== undefined && (end < start || end.getTime() - start.getTime() > MAX_SPAN_MS)) {
      problems.push(
        'rules.referenceEndDate must be on or after rules.referenceDate and within two years of it',
      );
    }
  }
  if (rules.groupSize !== undefined && !(Number.isInteger(rules.groupSize) && rules.groupSize >= 1)) {
    problems.push('rules.groupSize must be a whole number ≥ 1');
  }
  const minOverlap = rules.minOverlapHours;
  if (minOverlap !== undefined && !(minOverlap >= 0 && minOverlap <= 24)) {
    problems.push('rules.minOverlapHours must be between 0 and 24');
  }
  const hours = rules.workingHours;
  if (hours !== undefined && !(hours.start >= 0 && hours.end <= 24 && hours.start < hours.end)) {
    problems.push('rules.workingHours must satisfy 0 ≤ start < end ≤ 24');
  }
  const gap = rules.seniorityGap;
  if (gap !== undefined && !(Number.isInteger(gap.min) && Number.isInteger(gap.max) && gap.min <= gap.max)) {
    problems.push('rules.seniorityGap must be whole numbers with min ≤ max');
  }
  const tolerance = rules.coherenceTolerance;
  if (tolerance !== undefined && !(tolerance >= 0 && tolerance <= 1)) {
    problems.push('rules.coherenceTolerance must be between 0 and 1');
  }
  const questionIds = new Set<string>();
  for (const question of rules.questions ?? []) {
    if (questionIds.has(question.id)) problems.push(`question "${question.id}" is listed twice`);
    questionIds.add(question.id);
  }

  const people: string[] = [];
  const seen = new Map<string, number>();
  const zones = new Map<string, boolean>();
  input.participants.forEach((p, index) => {
    const where = `participants[${index}] (${p.id === '' ? 'no id' : p.id})`;
    if (p.id.trim() === '') people.push(`${where}: id must not be empty`);
    const key = `${p.role}:${p.id}`;
    const first = seen.get(key);
    if (first !== undefined) people.push(`${where}: ${p.role} id "${p.id}" repeats participants[${first}]`);
    else seen.set(key, index);
    if (p.level !== null && !Number.isInteger(p.level))
      people.push(`${where}: level must be a whole number or null for unknown (got ${p.level})`);
    else if (p.level !== null && Math.abs(p.level) > MAX_LEVEL)
      people.push(`${where}: level must be between -${MAX_LEVEL} and ${MAX_LEVEL} (got ${p.level})`);
    let known = zones.get(p.timezone);
    if (known === undefined) {
      known = isTimeZone(p.timezone);
      zones.set(p.timezone, known);
    }
    if (!known) people.push(`${where}: unknown time zone "${p.timezone}"`);
    if (p.capacity !== undefined && !(Number.isInteger(p.capacity) && p.capacity >= 0)) {
      people.push(`${where}: capacity must be a whole number ≥ 0`);
    }
  });
  problems.push(...people.slice(0, MAX_LISTED));
  if (people.length > MAX_LISTED)
    problems.push(`… and ${people.length - MAX_LISTED} more participant problems`);

  const pinnedMentees = new Set<string>();
  for (const pin of input.pinned ?? []) {
    const label = `pinned pair ${pin.mentorId} → ${pin.menteeId}`;
    if (!seen.has(`mentor:${pin.mentorId}`))
      problems.push(`${label}: no mentor "${pin.mentorId}" in the cohort`);
    if (!seen.has(`mentee:${pin.menteeId}`))
      problems.push(`${label}: no mentee "${pin.menteeId}" in the cohort`);
    if (pinnedMentees.has(pin.menteeId)) problems.push(`${label}: mentee "${pin.menteeId}" is pinned twice`);
    pinnedMentees.add(pin.menteeId);
  }
  return problems;
}
