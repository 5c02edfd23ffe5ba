import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { register as registerAnnouncement } from './announcement';
import { register as registerCheckIn } from './check-in';
import { register as registerCohorts } from './cohort-modal';
import { register as registerEnrollment } from './enroll-modal';
import { register as registerMatching } from './match-request';
import { register as registerPulse } from './pulse';
import { register as registerQuestionBank } from './question-bank';
import { register as registerSurvey } from './survey';

/** Registers every view listener; each lives in its own module beside this file. */
export function register(app: App, deps: SlackDeps): void {
  registerCheckIn(app, deps);
  registerEnrollment(app, deps);
  registerCohorts(app, deps);
  registerSurvey(app, deps);
  registerQuestionBank(app, deps);
  registerAnnouncement(app, deps);
  registerPulse(app, deps);
  registerMatching(app, deps);
}
