import { exportRows, spreadsheetSafe } from '../../src/domain/cohort-export';
import type { Cohort, CohortSettings } from '../../src/domain/cohorts';
import { QUESTIONS_MAX } from '../../src/domain/question-bank';
import { defaultQuestionBank, type Question } from '../../src/domain/questions';
import { pulseResultsMessage } from '../../src/slack/views/pulse';
import { questionBankModal } from '../../src/slack/views/question-bank';
import { questionEditorModal } from '../../src/slack/views/question-editor';
import { rosterMessage } from '../../src/slack/views/roster';
import { validateMessage, validateView } from '../emulator/block-kit-limits';

const settings: CohortSettings = {
  name: 'Spring leaders',
  slug: 'spring',
  track: 'group',
  groupSize: 4,
  enrollmentOpensOn: '2027-01-04',
  enrollmentClosesOn: '2027-01-22',
  startsOn: '2027-02-01',
  endsOn: '2027-07-30',
  defaultCadence: 'biweekly',
  announcementChannelId: 'C0COHORT',
  guidelines: '',
  surveyMidpoint: true,
  surveyEnd: true,
  nominatedOnly: false,
  minOverlapHours: 2,
  reverseSkills: [],
};
const cohort: Cohort = { ...settings, id: 1, state: 'enrolling' };
const long = (n: number) => 'x'.repeat(n);

describe('admin views stay inside Block Kit limits', () => {
  test('when the bank is full of long questions, then the list modal is still a valid modal', () => {
    const question = defaultQuestionBank('group')[1] as Omit<Question, 'id'>;
    const questions = Array.from({ length: QUESTIONS_MAX }, (_, i) => ({
      question: { ...question, id: i + 1, key: `q${i}`, label: long(150) },
      answers: i,
    }));
    const view = questionBankModal({ cohort, questions }, long(5000));
    expect(validateView(view, 'modal')).toEqual([]);
    expect(JSON.stringify(view)).toContain('The bank is full');
  });

  test('when a question is edited, then the editor is a valid modal prefilled from it', () => {
    const sensitive = defaultQuestionBank('group').find((q) => q.sensitive) as Omit<Question, 'id'>;
    const question = { ...sensitive, id: 10 };
    const view = questionEditorModal({
      track: 'group',
      metadata: { cohortId: 1, questionId: 10, listViewId: 'V1' },
      question: { question, answers: 3 },
    });
    expect(validateView(view, 'modal')).toEqual([]);
    // "Prefer not to say" is added by the app, so the admin does not see it among their options.
    expect(JSON.stringify(view)).toContain('"initial_value":"Woman\\nMan\\nNon-binary\\nSelf-describe"');
  });

  test('when there are hundreds of long pulse answers, then the results fit one message and say what was left out', () => {
    const answers = Array.from({ length: 400 }, (_, i) => ({
      author: i % 2 === 0 ? null : `U${i}`,
      answer: long(1500),
    }));
    const message = pulseResultsMessage(cohort, [
      {
        id: 2,
        anonymous: true,
        createdAt: '2027-02-01T00:00:00.000Z',
        answers: answers.map((a) => ({ ...a, author: null })),
      },
      { id: 1, anonymous: false, createdAt: '2027-01-01T00:00:00.000Z', answers },
    ]);
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toMatch(/\d+ more answers did not fit here/);
  });

  test('when a roster has hundreds of nominees, then it fits one message', () => {
    const nominations = Array.from({ length: 500 }, (_, i) => ({
      userId: `U${i}`,
      name: long(80),
      enrolled: i % 3 === 0,
    }));
    const message = rosterMessage({
      cohort,
      counts: [{ role: 'mentor', state: 'enrolled', count: 3 }],
      nominations,
      recent: [],
    });
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('…and 440 more');
  });
});

describe('export rows', () => {
  test('when a cell starts like a formula, then it is made text', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'plain', ''].map(spreadsheetSafe)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      'plain',
      '',
    ]);
  });

  test('when the caller passes sensitive questions by mistake, then their answers still stay out', () => {
    const questions = defaultQuestionBank('group').map((q, i) => ({ ...q, id: i + 1 }));
    const gender = questions.find((q) => q.key === 'gender') as Question;
    const rows = exportRows({
      questions,
      members: [
        {
          enrollmentId: 1,
          userId: 'U1',
          name: 'Ann',
          role: 'mentee',
          state: 'enrolled',
          enrolledAt: '2027-01-05T00:00:00.000Z',
        },
      ],
      answers: [{ enrollmentId: 1, questionId: gender.id, value: 'woman' }],
      pairings: [],
      names: new Map(),
    });
    expect(rows[0]).not.toContain(gender.label);
    expect(JSON.stringify(rows)).not.toMatch(/woman/i);
  });
});
