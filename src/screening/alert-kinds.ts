/**
 * Which department alerts a rule counts. 预警类型 is free text (each department words it its
 * own way), so a kind is a 来源部门 plus words the 预警类型 must contain (any of) and must not
 * contain (none of). Documented in docs/screening.md; a county with other wordings changes
 * them here.
 */
export interface AlertKind {
  source: string;
  /** The 预警类型 contains one of these (any type when absent). */
  anyOf?: readonly string[];
  /** …and none of these. */
  noneOf?: readonly string[];
  /** Only alerts with a 指标值. */
  needsValue?: boolean;
}

export const ALERT_KINDS = {
  /** R05: 医保 self-pay (the 指标值 is the amount). */
  medical: { source: '医保', needsValue: true },
  /** R06: a new 低保 / 特困 case (not an exit). */
  newWelfare: {
    source: '民政',
    anyOf: ['低保', '特困'],
    noneOf: ['退出', '取消', '停保', '停发', '终止', '注销', '减少'],
  },
  /** R08 / R10: unemployment. */
  unemployed: { source: '人社', anyOf: ['失业'] },
  /** R09: housing safety. */
  housing: { source: '住建', anyOf: ['房'] },
  /** R09: compulsory education. */
  school: { source: '教育', anyOf: ['辍学', '失学'] },
  /** R09: drinking water. */
  water: { source: '水利', anyOf: ['水'] },
  /** R09: basic medical insurance. */
  uninsured: { source: '医保', anyOf: ['未参', '断保', '脱保', '停保'] },
  /** R10: 舆情信访户. */
  petition: { source: '信访' },
} as const satisfies Record<string, AlertKind>;

export type AlertKindName = keyof typeof ALERT_KINDS;
