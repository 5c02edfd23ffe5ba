import {
  draftFromQuestion,
  moveInOrder,
  pruneAnswer,
  QUESTIONS_MAX,
  type QuestionDraft,
  removedOptions,
  reportableCount,
  specFromDraft,
  validateQuestionDraft,
} from '../../src/domain/question-bank';
import { defaultQuestionBank, PREFER_NOT_TO_SAY, type Question } from '../../src/domain/questions';

const bank: Question[] = defaultQuestionBank('high_potential').map((q, i) => ({ ...q, id: i + 1 }));
const byKey = (key: string) => bank.find((q) => q.key === key) as Question;

const draft: QuestionDraft = {
  label: 'Preferred meeting time',
  helpText: '',
  kind: 'single_select',
  optionLabels: ['Mornings', 'Afternoons'],
  required: false,
  sensitive: false,
  matchingUse: 'none',
  weight: 'medium',
  maxSelections: null,
  audience: null,
};
const fresh = { current: undefined, answers: 0, bankSize: bank.length };

describe('question drafts', () => {
  test('when a draft is valid, then there are no problems', () => {
    expect(validateQuestionDraft(draft, fresh)).toEqual([]);
  });

  test('when the bank is full, then another question is refused', () => {
    expect(validateQuestionDraft(draft, { ...fresh, bankSize: QUESTIONS_MAX })).toEqual([
      { field: 'label', message: expect.stringMatching(/at most 50 questions/) },
    ]);
  });

  test('when a self-identification question lists "Prefer not to say" itself, then it is not counted twice', () => {
    const sensitive = { ...draft, sensitive: true, optionLabels: ['Yes', 'No', 'Prefer not to say'] };
    expect(validateQuestionDraft(sensitive, fresh)).toEqual([]);
    expect(specFromDraft(sensitive, undefined, new Set()).options).toEqual([
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
      PREFER_NOT_TO_SAY,
    ]);
  });

  test('when an edited option keeps its label, then it keeps its stored value, and new labels get unique ones', () => {
    const job = byKey('job_level');
    const edited = {
      ...draft,
      label: job.label,
      optionLabels: ['entry LEVEL', 'Professional!', 'Professional?', 'Director'],
    };
    const spec = specFromDraft(edited, job, new Set(bank.map((q) => q.key)));
    expect(spec.key).toBe('job_level');
    expect(spec.options).toEqual([
      { value: '1', label: 'entry LEVEL' },
      { value: 'professional', label: 'Professional!' },
      { value: 'professional_2', label: 'Professional?' },
      { value: '6', label: 'Director' },
    ]);
    expect(removedOptions(job, spec).map((o) => o.value)).toEqual(['2', '3', '4', '5', '7', '8']);
  });

  test('when a new question repeats an existing key, then it gets a key of its own', () => {
    expect(specFromDraft({ ...draft, label: 'Department' }, undefined, new Set(['department'])).key).toBe(
      'department_2',
    );
  });

  test('when a question becomes free text, then options and maximum are dropped from the stored question', () => {
    const spec = specFromDraft({ ...draft, kind: 'free_text', optionLabels: [] }, undefined, new Set());
    expect(spec).toMatchObject({ options: [], maxSelections: null });
  });
});

describe('answers after an edit', () => {
  test('when removed options are pruned, then what is left stays and an emptied answer is gone', () => {
    const removed = new Set(['a', 'b']);
    expect(pruneAnswer(['a', 'c', 'b'], removed)).toEqual(['c']);
    expect(pruneAnswer(['a', 'b'], removed)).toBeUndefined();
    expect(pruneAnswer('a', removed)).toBeUndefined();
    expect(pruneAnswer('c', removed)).toBe('c');
  });

  test('when counts of self-identification answers are small, then they are not shown', () => {
    expect(reportableCount(0, true)).toBe('0');
    expect(reportableCount(4, true)).toBe('fewer than 5');
    expect(reportableCount(5, true)).toBe('5');
    expect(reportableCount(2, false)).toBe('2');
  });

  test('when a question moves, then only its neighbour swaps, and the ends stay put', () => {
    expect(moveInOrder([1, 2, 3], 2, 'up')).toEqual([2, 1, 3]);
    expect(moveInOrder([1, 2, 3], 2, 'down')).toEqual([1, 3, 2]);
    expect(moveInOrder([1, 2, 3], 1, 'up')).toBeUndefined();
    expect(moveInOrder([1, 2, 3], 3, 'down')).toBeUndefined();
    expect(moveInOrder([1, 2, 3], 9, 'up')).toBeUndefined();
  });
});

describe('ordinary questions', () => {
  test('when an ordinary question offers its own "Prefer not to say", then its stored value is kept on edit', () => {
    const current: Question = {
      ...byKey('meeting_format'),
      options: [
        { value: 'video_call', label: 'Video call' },
        { value: 'prefer_not_to_say', label: 'Prefer not to say' },
      ],
    };
    const edited = { ...draft, optionLabels: ['Video call', 'Prefer not to say', 'In person'] };
    expect(specFromDraft(edited, current, new Set()).options.map((o) => o.value)).toEqual([
      'video_call',
      'prefer_not_to_say',
      'in_person',
    ]);
  });
});

describe('questions matching reads by key', () => {
  const context = (key: string) => ({ current: byKey(key), answers: 0, bankSize: bank.length });
  const asDraft = (key: string, change: Partial<QuestionDraft>): QuestionDraft => ({
    ...draftFromQuestion(byKey(key)),
    ...change,
  });

  test('when an admin changes a built-in question’s weight, then that is fine', () => {
    expect(
      validateQuestionDraft(asDraft('skills_wanted', { weight: 'low' }), context('skills_wanted')),
    ).toEqual([]);
    expect(
      validateQuestionDraft(asDraft('department', { matchingUse: 'prefer_similar' }), context('department')),
    ).toEqual([]);
  });

  test('when an admin changes what matching does with one, or its type, then the field says what is fixed', () => {
    expect(
      validateQuestionDraft(asDraft('job_level', { matchingUse: 'prefer_similar' }), context('job_level')),
    ).toEqual([{ field: 'matchingUse', message: expect.stringMatching(/choose "Not used for matching"/) }]);
    expect(
      validateQuestionDraft(
        asDraft('objectives', { kind: 'single_select', optionLabels: ['A', 'B'] }),
        context('objectives'),
      ),
    ).toEqual([{ field: 'kind', message: expect.stringMatching(/"Free text", so its type stays/) }]);
    expect(validateQuestionDraft(asDraft('manager', { maxSelections: 2 }), context('manager'))).toEqual([
      { field: 'maxSelections', message: 'Each person names one manager.' },
    ]);
  });

  test('when a new question would take a built-in key, even of a removed question, then it gets another', () => {
    const department = { ...draft, label: 'Department' };
    const others = new Set(bank.filter((q) => q.key !== 'department').map((q) => q.key));
    expect(specFromDraft(department, undefined, others).key).toBe('department_2');
  });

  test('when a person question asks for several people, then it keeps the maximum; one person needs none', () => {
    const people = { ...draft, kind: 'user_select' as const, optionLabels: [], maxSelections: 3 };
    expect(validateQuestionDraft(people, fresh)).toEqual([]);
    expect(specFromDraft(people, undefined, new Set()).maxSelections).toBe(3);
    expect(specFromDraft({ ...people, maxSelections: 1 }, undefined, new Set()).maxSelections).toBeNull();
    expect(validateQuestionDraft({ ...people, maxSelections: 11 }, fresh)).toEqual([
      { field: 'maxSelections', message: 'A person question asks for 1 to 10 people.' },
    ]);
  });
});
