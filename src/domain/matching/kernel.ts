import type { RowPairs } from './certified';
import type { Cohort } from './cohort';
import { violation } from './constraints';
import {
  goalPointsFromCount,
  pickPoints,
  questionPoints,
  seniorityPointsFromGap,
  skillPointsFromSum,
  timeZonePointsFromHours,
} from './scoring';

/**
 * The hot loop: all allowed pairs of one mentee with their scores, for every mentor with room.
 * It must agree exactly with `violation` and `pairScore` (a property test holds it to that).
 * Mentors are laid out by cell (time zone × level), each cell's attributes contiguous, so a
 * mentee skips whole cells that fail the overlap or seniority rule, and inside a cell the zone
 * and level points are constants. Mentors whose level is unknown have a cell of their own in
 * each zone, the last level slot, which no mentee skips and which earns no level points; a
 * mentee whose level is unknown skips no cell by level. What depends only on the mentee (points
 * per shared skill sum, per shared goal count, per zone, per level slot) is tabulated once per
 * row from the reference formulas. Pairs come out grouped by cell, not in mentor order.
 */
export function rowKernel(c: Cohort): (i: number) => RowPairs {
  const layout = cellLayout(c);
  const { zones } = c;
  const { LW, GW, SW, minLevel, levels } = layout;
  const col = new Int32Array(Math.max(1, c.m));
  const weight = new Int32Array(Math.max(1, c.m));
  const zoneOk = new Uint8Array(zones);
  const zonePoints = new Int32Array(zones);
  // One slot per known level from minLevel, then the unknown-level slot.
  const levelOk = new Uint8Array(levels + 1);
  const levelPoints = new Int32Array(levels + 1);
  let longest = 0;
  for (let i = 0; i < c.n; i++) {
    longest = Math.max(longest, (c.wantStart[i + 1] as number) - (c.wantStart[i] as number));
  }
  const skillTable = new Int32Array((longest * (longest + 1)) / 2 + 1);
  const goalTable = new Int32Array(GW * 32 + 1);
  const wantWordOf = new Int32Array(Math.max(1, longest));
  const wantBitOf = new Int32Array(Math.max(1, longest));
  const departments = c.departments.length;
  const deptTable = new Int32Array(departments + 1);
  const myLanguages = new Uint32Array(LW);
  const myGoals = new Uint32Array(GW);
  const excluding = c.questions.some((q) => q.question.use === 'exclude_same');
  const questionCount = c.questions.length;
  const cells = layout.cellZone.length;

  return (i: number): RowPairs => {
    // Locals, not closure slots: V8 reloads captured variables on every access in the loop.
    const { cellStart, cellZone, cellSlot, mentor, self, manager, skip, dept, reverse, lang, goals, offers } =
      layout;
    const { banMentor } = c;
    const [outCol, outWeight, zoneOkay, levelOkay, zonePts, levelPts, skillPts, goalPts, myLangs, mine] = [
      col,
      weight,
      zoneOk,
      levelOk,
      zonePoints,
      levelPoints,
      skillTable,
      goalTable,
      myLanguages,
      myGoals,
    ];
    const [wantWord, wantBit, deptPts] = [wantWordOf, wantBitOf, deptTable];
    const myZone = c.menteeZone[i] as number;
    for (let z = 0; z < zones; z++) {
      zoneOk[z] = (c.overlap[myZone * zones + z] as number) >= c.minOverlap - 1e-9 ? 1 : 0;
    }
    fillTables(c, i, zonePoints, levelOk, levelPoints, minLevel, skillTable, goalTable);
    const mySelf = c.menteeSelf[i] as number;
    const myManager = c.menteeManager[i] as number;
    const mySkip = c.menteeSkip[i] as number;
    const myDept = c.menteeDept[i] as number;
    const deptMax = c.maxPoints.department[i] as number;
    const wantsSame = c.departmentPreference === 'same';
    const wantStart = c.wantStart[i] as number;
    const wantEnd = c.wantStart[i + 1] as number;
    const wanted = wantEnd - wantStart;
    for (let q = 0; q < wanted; q++) {
      const id = c.wantSkill[wantStart + q] as number;
      wantWordOf[q] = id >> 5;
      wantBitOf[q] = id & 31;
    }
    // Indexed by department + 1, so a mentor without one (−1) reads slot 0.
    deptTable.fill(0);
    if (deptMax > 0 && myDept >= 0) {
      for (let d = 0; d < departments; d++) deptTable[d + 1] = wantsSame === (d === myDept) ? deptMax : 0;
    }
    for (let w = 0; w < LW; w++) myLanguages[w] = c.menteeLanguages[i * LW + w] as number;
    for (let w = 0; w < GW; w++) myGoals[w] = c.menteeGoals[i * GW + w] as number;
    const banStart = c.banStart[i] as number;
    const banEnd = c.banStart[i + 1] as number;
    const picks = (c.pickStart[i + 1] as number) > (c.pickStart[i] as number);
    let count = 0;
    for (let cell = 0; cell < cells; cell++) {
      const zone = cellZone[cell] as number;
      const slot = cellSlot[cell] as number;
      if (zoneOkay[zone] === 0 || levelOkay[slot] === 0) continue;
      const base = (zonePts[zone] as number) + (levelPts[slot] as number);
      rows: for (let k = cellStart[cell] as number, end = cellStart[cell + 1] as number; k < end; k++) {
        let language = 0;
        for (let w = 0; w < LW; w++) language |= (lang[k * LW + w] as number) & (myLangs[w] as number);
        if (language === 0 || reverse[k] === 0) continue;
        const them = self[k] as number;
        if (them === mySelf || them === myManager || them === mySkip) continue;
        const theirManager = manager[k] as number;
        if (theirManager === mySelf || skip[k] === mySelf || (myManager >= 0 && theirManager === myManager))
          continue;
        const j = mentor[k] as number;
        for (let b = banStart; b < banEnd; b++) if (banMentor[b] === j) continue rows;
        if (excluding && violation(c, i, j) !== 0) continue;

        // Branch-free on purpose: whether a mentor shares a skill, a goal or a department is a
        // coin flip per pair, and mispredicted branches cost more than the arithmetic.
        let score = base + (deptPts[(dept[k] as number) + 1] as number);
        let sum = 0;
        for (let q = 0; q < wanted; q++) {
          sum +=
            (((offers[k * SW + (wantWord[q] as number)] as number) >>> (wantBit[q] as number)) & 1) *
            (wanted - q);
        }
        score += skillPts[sum] as number;
        let shared = 0;
        for (let w = 0; w < GW; w++) shared += bitCount((goals[k * GW + w] as number) & (mine[w] as number));
        score += goalPts[shared] as number;
        if (picks) score += pickPoints(c, i, j);
        for (let q = 0; q < questionCount; q++) score += questionPoints(c, q, i, j);
        outCol[count] = j;
        outWeight[count] = score;
        count++;
      }
    }
    return { count, col: outCol, weight: outWeight };
  };
}

interface CellLayout {
  readonly LW: number;
  readonly GW: number;
  readonly SW: number;
  readonly minLevel: number;
  /** Known levels from minLevel; slot `levels` holds the mentors whose level is unknown. */
  readonly levels: number;
  readonly cellStart: Int32Array;
  readonly cellZone: Int32Array;
  readonly cellSlot: Int32Array;
  /** Per slot, in cell order: the mentor's index and the attributes the loop reads. */
  readonly mentor: Int32Array;
  readonly self: Int32Array;
  readonly manager: Int32Array;
  readonly skip: Int32Array;
  readonly dept: Int32Array;
  readonly reverse: Uint8Array;
  readonly lang: Uint32Array;
  readonly goals: Uint32Array;
  readonly offers: Uint32Array;
}

/** Mentors with room, grouped by (zone, level slot), each cell in mentor order. */
function cellLayout(c: Cohort): CellLayout {
  const { languageWords: LW, goalWords: GW, skillWords: SW } = c;
  let minLevel = 0;
  let maxLevel = -1;
  let known = false;
  for (let j = 0; j < c.m; j++) {
    if (c.mentorLevelKnown[j] === 0) continue;
    const level = c.mentorLevel[j] as number;
    if (!known || level < minLevel) minLevel = level;
    if (!known || level > maxLevel) maxLevel = level;
    known = true;
  }
  const levels = known ? maxLevel - minLevel + 1 : 0;
  const slots = levels + 1;
  const open: number[] = [];
  for (let j = 0; j < c.m; j++) if ((c.capacity[j] as number) > 0) open.push(j);
  const cellOf = (j: number) =>
    (c.mentorZone[j] as number) * slots +
    (c.mentorLevelKnown[j] === 1 ? (c.mentorLevel[j] as number) - minLevel : levels);
  open.sort((a, b) => cellOf(a) - cellOf(b) || a - b);
  const keys: number[] = [];
  const starts: number[] = [];
  open.forEach((j, k) => {
    const key = cellOf(j);
    if (keys.length === 0 || keys[keys.length - 1] !== key) {
      keys.push(key);
      starts.push(k);
    }
  });
  starts.push(open.length);
  const copyWords = (from: Uint32Array, words: number) => {
    const to = new Uint32Array(Math.max(1, open.length * words));
    open.forEach((j, k) => {
      to.set(from.subarray(j * words, (j + 1) * words), k * words);
    });
    return to;
  };
  return {
    LW,
    GW,
    SW,
    minLevel,
    levels,
    cellStart: Int32Array.from(starts),
    cellZone: Int32Array.from(keys, (key) => Math.floor(key / slots)),
    cellSlot: Int32Array.from(keys, (key) => key % slots),
    mentor: Int32Array.from(open),
    self: Int32Array.from(open, (j) => c.mentorSelf[j] as number),
    manager: Int32Array.from(open, (j) => c.mentorManager[j] as number),
    skip: Int32Array.from(open, (j) => c.mentorSkip[j] as number),
    dept: Int32Array.from(open, (j) => c.mentorDept[j] as number),
    reverse: Uint8Array.from(open, (j) => c.mentorOffersReverse[j] as number),
    lang: copyWords(c.mentorLanguages, LW),
    goals: copyWords(c.mentorGoals, GW),
    offers: copyWords(c.mentorOffers, SW),
  };
}

function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Per-row tables from the reference formulas, so the kernel cannot drift from the explanations. */
function fillTables(
  c: Cohort,
  i: number,
  zonePoints: Int32Array,
  levelOk: Uint8Array,
  levelPoints: Int32Array,
  minLevel: number,
  skillTable: Int32Array,
  goalTable: Int32Array,
): void {
  const myZone = c.menteeZone[i] as number;
  for (let z = 0; z < c.zones; z++) {
    zonePoints[z] = timeZonePointsFromHours(c, i, c.overlap[myZone * c.zones + z] as number);
  }
  const myLevel = c.menteeLevel[i] as number;
  const known = c.menteeLevelKnown[i] === 1;
  const unknownSlot = levelPoints.length - 1;
  for (let k = 0; k < unknownSlot; k++) {
    const difference = minLevel + k - myLevel;
    const gap = c.direction === 'mentor_above' ? difference : -difference;
    levelOk[k] = !known || gap > 0 ? 1 : 0;
    levelPoints[k] = known ? seniorityPointsFromGap(c, i, gap) : 0;
  }
  levelOk[unknownSlot] = 1;
  levelPoints[unknownSlot] = 0;
  const length = (c.wantStart[i + 1] as number) - (c.wantStart[i] as number);
  const top = Math.min((length * (length + 1)) / 2, skillTable.length - 1);
  for (let sum = 0; sum <= top; sum++) skillTable[sum] = skillPointsFromSum(c, i, sum);
  const goals = Math.min(c.menteeGoalCount[i] as number, goalTable.length - 1);
  for (let k = 0; k <= goals; k++) goalTable[k] = goalPointsFromCount(c, i, k);
}
