import { type Cohort, ROLE_LABELS, STATE_LABELS } from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import { COMMAND } from '../ids';
import type { EphemeralMessage } from './help';
import { escapeMrkdwn } from './text';

/** The DM an admin gets after creating or editing a cohort: what it is and what to do next. */
export function cohortSavedMessage(cohort: Cohort, created: boolean): EphemeralMessage {
  const roles = ROLE_LABELS[cohort.track];
  const headline = created
    ? `Created *${escapeMrkdwn(cohort.name)}* (\`${cohort.slug}\`) as a draft.`
    : `Saved *${escapeMrkdwn(cohort.name)}* (\`${cohort.slug}\`). It is ${STATE_LABELS[cohort.state].toLowerCase()}.`;
  const lines = [
    headline,
    `Roles: ${roles.mentor} and ${roles.mentee}. Enrollment ${formatDate(cohort.enrollmentOpensOn)} – ${formatDate(cohort.enrollmentClosesOn)}; program ${formatDate(cohort.startsOn)} – ${formatDate(cohort.endsOn)}.`,
  ];
  if (created) {
    lines.push(
      `Next: review the profile questions with \`${COMMAND} admin questions ${cohort.slug}\`, then open enrollment with \`${COMMAND} admin cohort open ${cohort.slug}\`.`,
    );
  }
  const text = lines.join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
