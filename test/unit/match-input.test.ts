import { engineQuestions, goalsFromObjectives, toParticipant } from '../../src/domain/match-input';
import { defaultQuestionBank, type Question } from '../../src/domain/questions';

const bank: Question[] = defaultQuestionBank('high_potential').map((spec, i) => ({ ...spec, id: i + 1 }));
const withGender = bank.map((q) =>
  q.key === 'gender' ? { ...q, matchingUse: 'prefer_similar' as const } : q,
);

function mentee(matchOnSensitive: boolean) {
  return {
    userId: 'U0E1',
    role: 'mentee' as const,
    name: 'Erin',
    timezone: 'Europe/Berlin',
    matchOnSensitive,
    answers: new Map<string, string | string[]>([
      ['objectives', 'I want to get better at Delegation and strategy, and strategy again.'],
      ['skills_wanted', ['negotiation', 'hiring_and_interviewing']],
      ['skills_offered', ['strategy']],
      ['department', 'customer_success'],
      ['job_level', '3'],
      ['manager', 'U0BOSS'],
      ['languages', ['english', 'german']],
      ['meeting_format', 'video_call'],
      ['gender', 'woman'],
    ]),
  };
}

describe('matching input from profile answers', () => {
  test('when objectives are free text, then each distinct content word is one goal', () => {
    expect(
      goalsFromObjectives('I want to get better at Delegation and strategy, and strategy again.'),
    ).toEqual(['delegation', 'strategy']);
    expect(goalsFromObjectives('')).toEqual([]);
  });

  test('when a mentee answered the default bank, then each answer lands in its criterion, shown by its label', () => {
    const p = toParticipant(mentee(false), bank);
    expect(p).toMatchObject({
      id: 'U0E1',
      role: 'mentee',
      level: 3,
      managerId: 'U0BOSS',
      department: 'Customer Success',
      languages: ['English', 'German'],
      skillsWanted: ['Negotiation', 'Hiring and interviewing'],
      skillsOffered: [],
      timezone: 'Europe/Berlin',
      answers: { meeting_format: ['video_call'] },
    });
    expect(engineQuestions(bank).map((q) => q.id)).toEqual(['meeting_format']);
  });

  test('when a sensitive question is used for matching, then its answer counts only for people who opted in', () => {
    expect(engineQuestions(withGender).find((q) => q.id === 'gender')).toMatchObject({ sensitive: true });
    expect(toParticipant(mentee(false), withGender).answers).not.toHaveProperty('gender');
    expect(toParticipant(mentee(true), withGender).answers).toMatchObject({ gender: ['woman'] });
  });
});
