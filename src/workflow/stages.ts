/**
 * The two procedures of a 监测对象's life as data (SPEC §7, §8; seeds 000, 001): identification
 * (村提名 → 公示 → 乡镇审核 → 县级审定) and elimination (村级初审 → 公示 → 乡镇审核 → 县级审定).
 * The engine (engine.ts) walks either one; nothing here knows about the register.
 */

export type CaseKind = '识别' | '消除';
export const CASE_KINDS: readonly CaseKind[] = ['识别', '消除'];

export type CaseStatus = '办理中' | '已认定' | '已消除' | '未通过';
export type Decision = '通过' | '不通过';
export const DECISIONS: readonly Decision[] = ['通过', '不通过'];

/** What the village records at its stage, each with a date (seed 001: 承诺授权, 民主评议, 公示). */
export type CheckName = '入户核实' | '承诺授权' | '民主评议';
export const CHECK_NAMES: readonly CheckName[] = ['入户核实', '承诺授权', '民主评议'];

export interface StageDef {
  name: string;
  /** Checks a 通过 at this stage must record, each with its date. */
  checks: readonly CheckName[];
  /** The 公示 stage: it runs from a start date for the policy's number of days. */
  publicity: boolean;
}

export interface WorkflowDef {
  kind: CaseKind;
  /** 案件号 prefix: SB (识别), XC (消除), then the year and a number: SB2024-0001. */
  prefix: string;
  stages: readonly StageDef[];
  publicityDaysKey: 'publicityDaysIdentify' | 'publicityDaysEliminate';
  /** Status of a case whose 县级审定 passed. */
  doneStatus: '已认定' | '已消除';
  /** Sources a case of this kind may come from. */
  sources: readonly string[];
}

const stage = (name: string, checks: readonly CheckName[] = [], publicity = false): StageDef => ({
  name,
  checks,
  publicity,
});

export const IDENTIFICATION: WorkflowDef = {
  kind: '识别',
  prefix: 'SB',
  stages: [
    stage('村提名', ['入户核实', '承诺授权', '民主评议']),
    stage('公示', [], true),
    stage('乡镇审核'),
    stage('县级审定'),
  ],
  publicityDaysKey: 'publicityDaysIdentify',
  doneStatus: '已认定',
  sources: ['集中排查', '农户自主申报', '部门预警', '干部排查', '回访'],
};

export const ELIMINATION: WorkflowDef = {
  kind: '消除',
  prefix: 'XC',
  stages: [stage('村级初审', ['入户核实', '民主评议']), stage('公示', [], true), stage('乡镇审核'), stage('县级审定')],
  publicityDaysKey: 'publicityDaysEliminate',
  doneStatus: '已消除',
  sources: ['帮扶消除', '自然消除'],
};

export function workflowOf(kind: CaseKind): WorkflowDef {
  return kind === '识别' ? IDENTIFICATION : ELIMINATION;
}

export const stageNames = (def: WorkflowDef): string[] => def.stages.map((s) => s.name);

export function stageIndex(def: WorkflowDef, name: string): number {
  return def.stages.findIndex((s) => s.name === name);
}

export const firstStage = (def: WorkflowDef): StageDef => def.stages[0]!;
export const publicityStage = (def: WorkflowDef): StageDef => def.stages.find((s) => s.publicity)!;
export const finalStage = (def: WorkflowDef): StageDef => def.stages[def.stages.length - 1]!;

/** Statuses a list may filter by, in display order. */
export const statusesOf = (def: WorkflowDef): CaseStatus[] => ['办理中', def.doneStatus, '未通过'];
