import { describe, expect, it } from 'vitest';
import {
  allowedMessage,
  DEVELOPMENTAL_MEASURES,
  findVocab,
  hasHealth,
  hasLabourCapacity,
  isDevelopmental,
  isInSchool,
  isSevereDisability,
  matchVocab,
  matchVocabMulti,
  schoolStage,
  splitMulti,
  VOCAB_NAMES,
  VOCABULARIES,
  type VocabName,
  vocabKey,
} from '../../../src/domain/vocab.js';

const m = (name: VocabName, raw: string, ext?: readonly string[]): string => {
  const r = matchVocab(name, raw, ext);
  return r.ok ? r.value : `ERR:${r.message}`;
};

describe('vocabulary data', () => {
  it('has every vocabulary the field dictionary refers to', () => {
    const used = [
      'alertSource',
      'childStatus',
      'devMeasureStatus',
      'dibao',
      'disabilityGrade',
      'disabilityType',
      'disabledCare',
      'disasterSub',
      'education',
      'eliminationMethod',
      'ethnicity',
      'health',
      'householdType',
      'idType',
      'labourSkill',
      'measureCategory',
      'memberStatus',
      'monitoredCategory',
      'relation',
      'riskType',
      'schoolStatus',
      'sex',
      'verifyResult',
      'visitResult',
      'alertStatus',
    ];
    for (const u of used) expect(VOCAB_NAMES, u).toContain(u);
  });

  it.each(VOCAB_NAMES)('%s: values unique, every variant points to a value, no variant hides a value', (name) => {
    const v = VOCABULARIES[name];
    expect(v.name).toMatch(/\p{Script=Han}/u);
    const valueKeys = v.values.map(vocabKey);
    expect(new Set(valueKeys).size).toBe(v.values.length);
    const targets = new Set([...v.values, ...(v.accepted ?? [])]);
    for (const [variant, target] of Object.entries(v.variants)) {
      expect(targets.has(target), `${variant} → ${target}`).toBe(true);
      const clash = v.values.find((value) => vocabKey(value) === vocabKey(variant));
      expect(clash === undefined || clash === target, `${variant} hides ${clash}`).toBe(true);
    }
    // every value, accepted value and variant matches to its target
    for (const value of v.values) expect(m(name, value)).toBe(value);
    for (const a of v.accepted ?? []) expect(m(name, a)).toBe(a);
    for (const [variant, target] of Object.entries(v.variants)) expect(m(name, variant), variant).toBe(target);
  });

  it('has the national lists of SPEC §3, §4 and Appendix B', () => {
    expect(VOCABULARIES.householdType.values).toEqual(['脱贫户', '一般农户']);
    expect(VOCABULARIES.monitoredCategory.values).toEqual(['脱贫不稳定户', '边缘易致贫户', '突发严重困难户']);
    expect(VOCABULARIES.riskType.values).toEqual([
      '因病',
      '因残',
      '因学',
      '因自然灾害',
      '因意外事故',
      '因产业项目失败',
      '因务工就业不稳',
      '缺劳动力',
      '因安全住房',
      '因安全饮水',
      '其他',
    ]);
    expect(VOCABULARIES.disasterSub.values).toEqual(['洪涝', '地质', '旱灾', '生物', '气象', '地震', '其他']);
    expect(VOCABULARIES.eliminationMethod.values).toEqual(['帮扶消除', '自然消除']);
    expect(VOCABULARIES.measureCategory.values).toHaveLength(16);
    expect(VOCABULARIES.measureCategory.values).toContain('基础设施建设');
    expect(VOCABULARIES.health.values).toEqual(['健康', '长期慢性病', '患有大病', '残疾']);
    expect(VOCABULARIES.labourSkill.values).toEqual([
      '普通劳动力',
      '技能劳动力',
      '弱劳动力或半劳动力',
      '丧失劳动力',
      '无劳动力',
    ]);
    expect(VOCABULARIES.dibao.values).toEqual(['未享受', '农村低保', '城市低保']);
    expect(VOCABULARIES.ethnicity.values).toHaveLength(56);
    expect(VOCABULARIES.ethnicity.values.every((e) => e.endsWith('族'))).toBe(true);
    expect(VOCABULARIES.relation.values).toHaveLength(24);
    expect(VOCABULARIES.relation.values[0]).toBe('户主');
    expect(VOCABULARIES.disabilityType.values).toHaveLength(7);
    expect(VOCABULARIES.education.values).toEqual(['文盲或半文盲', '小学', '初中', '高中', '中专', '大专及以上']);
    expect(VOCABULARIES.schoolStatus.values).toHaveLength(21);
    expect(VOCABULARIES.alertSource.values).toEqual([
      '民政',
      '医保',
      '残联',
      '住建',
      '教育',
      '人社',
      '应急',
      '水利',
      '卫健',
      '公安',
      '信访',
      '其他',
    ]);
  });
});

describe('matchVocab normalisation', () => {
  it('ignores blanks, full-width characters, brackets and latin case', () => {
    expect(m('labourSkill', ' 普通 劳动力 ')).toBe('普通劳动力');
    expect(m('labourSkill', '普通劳动力\n')).toBe('普通劳动力');
    expect(m('workStatus', '乡(镇)内务工')).toBe('乡（镇）内务工');
    expect(m('workStatus', '乡镇内务工')).toBe('乡（镇）内务工');
    expect(m('workStatus', '乡（镇）外县内务工')).toBe('乡（镇）外县内务工');
    expect(m('sex', 'M')).toBe('男');
    expect(m('sex', 'Female')).toBe('女');
    expect(m('sex', '１')).toBe('男');
    expect(m('riskType', '其它')).toBe('其他');
  });

  it('lists the allowed values when nothing matches', () => {
    expect(matchVocab('labourSkill', '很强')).toEqual({
      ok: false,
      message: '「劳动技能」应为：普通劳动力、技能劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力',
    });
    expect(m('householdType', '')).toContain('「户类型」应为：脱贫户、一般农户');
  });

  it('guesses the value when exactly one fits', () => {
    expect(m('labourSkill', '弱劳动')).toContain('（是否为「弱劳动力或半劳动力」？）');
    expect(m('labourSkill', '劳动力')).not.toContain('是否为');
  });

  it('keeps long lists short in messages', () => {
    const msg = m('ethnicity', '火星族');
    expect(msg).toContain('「民族」应为56 个民族的规范名称');
    expect(msg.length).toBeLessThan(80);
  });

  it('accepts county extensions as written and lists them', () => {
    expect(m('riskType', '因疫', ['因疫'])).toBe('因疫');
    expect(m('riskType', ' 因 疫 ', ['因疫'])).toBe('因疫');
    expect(m('riskType', '因疫')).toMatch(/^ERR:/);
    expect(m('riskType', '因火', ['因疫'])).toContain('其他、因疫');
    expect(m('ethnicity', '穿青人', ['穿青人'])).toBe('穿青人');
    expect(m('ethnicity', '火星人', ['穿青人'])).toContain('穿青人');
    // national values still win
    expect(m('riskType', '因病', ['因疫'])).toBe('因病');
  });

  it('throws on an unknown vocabulary (a programming error)', () => {
    expect(() => matchVocab('nope' as VocabName, 'x')).toThrow(/unknown vocabulary/);
  });
});

describe('variants', () => {
  it.each([
    ['householdType', '建档立卡户', '脱贫户'],
    ['householdType', '已脱贫户', '脱贫户'],
    ['householdType', '一般户', '一般农户'],
    ['householdType', '非贫困户', '一般农户'],
    ['monitoredCategory', '脱贫不稳定', '脱贫不稳定户'],
    ['monitoredCategory', '边缘户', '边缘易致贫户'],
    ['monitoredCategory', '边缘易致贫', '边缘易致贫户'],
    ['monitoredCategory', '突发严重困难', '突发严重困难户'],
    ['riskType', '因灾', '因自然灾害'],
    ['riskType', '自然灾害', '因自然灾害'],
    ['riskType', '病', '因病'],
    ['riskType', '因务工就业不稳定', '因务工就业不稳'],
    ['riskType', '住房安全', '因安全住房'],
    ['riskType', '饮水安全', '因安全饮水'],
    ['riskType', '因缺劳动力', '缺劳动力'],
    ['disasterSub', '洪涝灾害', '洪涝'],
    ['disasterSub', '干旱', '旱灾'],
    ['eliminationMethod', '帮扶', '帮扶消除'],
    ['measureCategory', '其他教育帮扶', '教育帮扶'],
    ['measureCategory', '易地搬迁', '搬迁'],
    ['measureCategory', '兜底保障', '综合保障'],
    ['measureCategory', '产业', '产业帮扶'],
    ['measureCategory', '公益性岗位', '公益岗位帮扶'],
    ['devMeasureStatus', '是', '已实施'],
    ['devMeasureStatus', '未实施', '尚未实施'],
    ['schoolStatus', '学龄前', '学龄前儿童'],
    ['schoolStatus', '小学', '小学'],
    ['schoolStatus', '初中', '初中'],
    ['schoolStatus', '高中', '高中'],
    ['schoolStatus', '中职', '中职'],
    ['schoolStatus', '大专', '高职高专'],
    ['schoolStatus', '本科', '本科'],
    ['schoolStatus', '研究生', '硕士研究生及以上'],
    ['schoolStatus', '三年级', '小学三年级'],
    ['schoolStatus', '小学3年级', '小学三年级'],
    ['schoolStatus', '初二', '八年级'],
    ['schoolStatus', '高一', '普通高中一年级'],
    ['schoolStatus', '中职2年级', '中职二年级'],
    ['schoolStatus', '幼儿园', '学前教育'],
    ['schoolStatus', '不在校', '非在校生'],
    ['education', '大专', '大专及以上'],
    ['education', '本科及以上', '大专及以上'],
    ['education', '文盲', '文盲或半文盲'],
    ['health', '慢性病', '长期慢性病'],
    ['health', '大病', '患有大病'],
    ['disabilityType', '肢体', '肢体残疾'],
    ['disabilityGrade', '1', '一级'],
    ['disabilityGrade', '4', '四级'],
    ['disabilityGrade', '一级残疾', '一级'],
    ['disabilityGrade', '2级', '二级'],
    ['disabilityGrade', '３', '三级'],
    ['labourSkill', '弱劳动力', '弱劳动力或半劳动力'],
    ['labourSkill', '半劳动力', '弱劳动力或半劳动力'],
    ['labourSkill', '弱劳动力/半劳动力', '弱劳动力或半劳动力'],
    ['labourSkill', '无劳动能力', '无劳动力'],
    ['workStatus', '省内县外务工', '县外省内务工'],
    ['workStatus', '未外出务工', '未务工'],
    ['workStatus', '县内务工', '县内务工'],
    ['relation', '本人', '户主'],
    ['relation', '子', '之子'],
    ['relation', '女', '之女'],
    ['relation', '儿子', '之子'],
    ['relation', '女儿', '之女'],
    ['relation', '父亲', '之父'],
    ['relation', '母亲', '之母'],
    ['relation', '妻子', '配偶'],
    ['relation', '孙子', '之孙子'],
    ['relation', '姐姐', '之兄弟姐妹'],
    ['ethnicity', '汉', '汉族'],
    ['ethnicity', '回', '回族'],
    ['ethnicity', '蒙古', '蒙古族'],
    ['ethnicity', '维吾尔', '维吾尔族'],
    ['ethnicity', '维族', '维吾尔族'],
    ['idType', '身份证', '居民身份证'],
    ['idType', '户口本', '户口簿'],
    ['dibao', '否', '未享受'],
    ['dibao', '低保', '农村低保'],
    ['dibao', '城镇低保', '城市低保'],
    ['disabledCare', '部分失能', '半失能'],
    ['childStatus', '留守', '留守儿童'],
    ['memberStatus', '已死亡', '死亡'],
    ['memberStatus', '正常', '在册'],
    ['alertSource', '医疗保障局', '医保'],
    ['alertSource', '民政局', '民政'],
    ['alertSource', '榆次区民政局', '民政'],
    ['alertSource', '山西省晋中市榆次区医疗保障局', '医保'],
    ['alertSource', '县残疾人联合会', '残联'],
    ['alertSource', '人力资源和社会保障局', '人社'],
    ['alertSource', '卫健委', '卫健'],
    ['alertSource', '水务局', '水利'],
    ['alertStatus', '待交办', '未交办'],
    ['visitResult', '纳入', '建议纳入监测'],
    ['visitResult', '不纳入监测', '不纳入'],
    ['visitResult', '已纳入监测', '已是监测对象'],
    ['verifyResult', '情况属实', '属实'],
    ['verifyResult', '不实', '不属实'],
    ['reviewDecision', '同意', '通过'],
    ['reviewDecision', '驳回', '不通过'],
  ] as const)('%s: %s → %s', (name, raw, expected) => {
    expect(m(name, raw)).toBe(expected);
  });

  it.each([
    ['householdType', '脱贫不稳定户'],
    ['alertSource', '市场监管局'],
    ['alertSource', '榆次区'],
    ['disabilityGrade', '五级'],
    ['disabilityGrade', '0'],
    ['sex', '未知'],
    ['workStatus', '外出务工'],
    ['relation', '邻居'],
  ] as const)('%s refuses %s', (name, raw) => {
    expect(m(name, raw)).toMatch(/^ERR:「/);
  });
});

describe('matchVocabMulti', () => {
  it('normalises combined 健康状况 to a fixed order joined by ","', () => {
    expect(matchVocabMulti('health', '残疾,长期慢性病')).toEqual({ ok: true, value: '长期慢性病,残疾' });
    expect(matchVocabMulti('health', '残疾、长期慢性病')).toEqual({ ok: true, value: '长期慢性病,残疾' });
    expect(matchVocabMulti('health', '长期慢性病，残疾')).toEqual({ ok: true, value: '长期慢性病,残疾' });
    expect(matchVocabMulti('health', '残疾;大病;慢性病')).toEqual({ ok: true, value: '长期慢性病,患有大病,残疾' });
    expect(matchVocabMulti('health', '残疾 / 残疾人')).toEqual({ ok: true, value: '残疾' });
    expect(matchVocabMulti('health', '健康')).toEqual({ ok: true, value: '健康' });
    expect(matchVocabMulti('health', ' 患有大病 ')).toEqual({ ok: true, value: '患有大病' });
  });

  it('refuses 健康 together with an illness', () => {
    const r = matchVocabMulti('health', '健康,残疾');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('「健康」');
  });

  it('names the parts that are wrong', () => {
    const r = matchVocabMulti('health', '残疾,感冒');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('「感冒」不对');
    expect(!r.ok && r.message).toContain('健康、长期慢性病、患有大病、残疾');
    expect(matchVocabMulti('health', '').ok).toBe(false);
  });

  it('keeps risk types in the order given (main risk first), at most 5', () => {
    expect(matchVocabMulti('riskType', '因残、因病')).toEqual({ ok: true, value: '因残,因病' });
    expect(matchVocabMulti('riskType', '因灾,因病,因自然灾害')).toEqual({ ok: true, value: '因自然灾害,因病' });
    expect(matchVocabMulti('riskType', '因病')).toEqual({ ok: true, value: '因病' });
    const six = matchVocabMulti('riskType', '因病,因残,因学,因灾,因意外事故,缺劳动力');
    expect(six.ok).toBe(false);
    expect(!six.ok && six.message).toContain('最多填 5 项');
    expect(matchVocabMulti('riskType', '因病,因疫', ['因疫'])).toEqual({ ok: true, value: '因病,因疫' });
  });

  it('accepts a single value written with a separator inside', () => {
    expect(matchVocabMulti('labourSkill', '弱劳动力/半劳动力')).toEqual({ ok: true, value: '弱劳动力或半劳动力' });
  });

  it('splits stored values', () => {
    expect(splitMulti('长期慢性病,残疾')).toEqual(['长期慢性病', '残疾']);
    expect(splitMulti(' 残疾 ')).toEqual(['残疾']);
    expect(splitMulti(null)).toEqual([]);
    expect(splitMulti('')).toEqual([]);
  });
});

describe('readings the rules rely on', () => {
  it('开发式 measures', () => {
    expect(DEVELOPMENTAL_MEASURES).toEqual(['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶']);
    for (const c of ['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶', '公益性岗位', '小额信贷'])
      expect(isDevelopmental(c), c).toBe(true);
    for (const c of [
      '健康帮扶',
      '综合保障',
      '兜底保障',
      '教育帮扶',
      '义务教育保障',
      '住房安全保障',
      '饮水安全保障',
      '社会帮扶',
      '搬迁',
      '扶志扶智',
      '其他',
    ]) {
      expect(isDevelopmental(c), c).toBe(false);
    }
    expect(isDevelopmental('')).toBe(false);
    expect(isDevelopmental(null)).toBe(false);
    expect(isDevelopmental('乱写')).toBe(false);
  });

  it('labour capacity', () => {
    for (const s of ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '弱劳动力', '半劳动力'])
      expect(hasLabourCapacity(s), s).toBe(true);
    for (const s of ['丧失劳动力', '无劳动力', '', null, undefined, '乱写'])
      expect(hasLabourCapacity(s), String(s)).toBe(false);
  });

  it('重度 disability is grade 1 or 2', () => {
    expect(isSevereDisability('一级')).toBe(true);
    expect(isSevereDisability('2')).toBe(true);
    expect(isSevereDisability('三级')).toBe(false);
    expect(isSevereDisability('四级')).toBe(false);
    expect(isSevereDisability(null)).toBe(false);
  });

  it('health parts', () => {
    expect(hasHealth('长期慢性病,残疾', '残疾')).toBe(true);
    expect(hasHealth('长期慢性病,残疾', '患有大病')).toBe(false);
    expect(hasHealth('大病', '患有大病')).toBe(true);
    expect(hasHealth(null, '健康')).toBe(false);
  });

  it('school stages', () => {
    expect(schoolStage('小学三年级')).toBe('小学');
    expect(schoolStage('小学')).toBe('小学');
    expect(schoolStage('八年级')).toBe('初中');
    expect(schoolStage('初中')).toBe('初中');
    expect(schoolStage('普通高中二年级')).toBe('高中');
    expect(schoolStage('中职三年级')).toBe('中职');
    expect(schoolStage('学龄前儿童')).toBe('学龄前');
    expect(schoolStage('学前教育')).toBe('学前教育');
    expect(schoolStage('高职高专')).toBe('高职高专');
    expect(schoolStage('本科')).toBe('本科');
    expect(schoolStage('硕士研究生及以上')).toBe('研究生');
    expect(schoolStage('非在校生')).toBe('非在校生');
    expect(schoolStage('')).toBeNull();
    expect(schoolStage('乱写')).toBeNull();
    expect(isInSchool('七年级')).toBe(true);
    expect(isInSchool('学前教育')).toBe(true);
    expect(isInSchool('学龄前儿童')).toBe(false);
    expect(isInSchool('非在校生')).toBe(false);
    expect(isInSchool(null)).toBe(false);
  });
});

describe('findVocab / allowedMessage', () => {
  it('finds a vocabulary by key or Chinese name', () => {
    expect(findVocab('labourSkill')).toBe('labourSkill');
    expect(findVocab('劳动技能')).toBe('labourSkill');
    expect(findVocab(' 风险类型 ')).toBe('riskType');
    expect(findVocab('民族')).toBe('ethnicity');
    expect(findVocab('不存在')).toBeUndefined();
  });

  it('every vocabulary has a distinct Chinese name', () => {
    const names = VOCAB_NAMES.map((n) => VOCABULARIES[n].name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('builds the message of allowed values', () => {
    expect(allowedMessage('sex')).toBe('「性别」应为：男、女');
    expect(allowedMessage('sex', undefined, ['未说明'])).toBe('「性别」应为：男、女、未说明');
  });
});
