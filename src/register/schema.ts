/**
 * The register's schema as ordered migrations. `PRAGMA user_version` holds the number of the
 * last migration applied. Migration 1 lays out every entity of SPEC §3 so that later features
 * add behaviour, not tables. Column names are English; the field dictionary
 * (src/domain/fields.ts) maps them to the canonical Chinese names users see.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

const v1 = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT
) STRICT;

-- Yearly policy parameters (SPEC §4): one row per year and parameter, value as JSON.
CREATE TABLE policy (
  year       INTEGER NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  source     TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, key)
) STRICT;

-- County extensions of vocabularies (SPEC App. B).
CREATE TABLE vocab_extensions (
  vocab TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (vocab, value)
) STRICT;

-- Audit log: one change set per command run, one row per record and field changed.
CREATE TABLE change_sets (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  operator   TEXT NOT NULL,
  command    TEXT NOT NULL,
  reason     TEXT,
  source     TEXT,
  undone_by  INTEGER REFERENCES change_sets(id),
  undoes     INTEGER REFERENCES change_sets(id)
) STRICT;

CREATE TABLE changes (
  id         INTEGER PRIMARY KEY,
  set_id     INTEGER NOT NULL REFERENCES change_sets(id),
  entity     TEXT NOT NULL,
  record_key TEXT NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  field      TEXT,
  old_value  TEXT,
  new_value  TEXT
) STRICT;
-- Inserts are not indexed by record: a county import inserts a million of them in random key
-- order, which would double its cost; a record's insert is found by set or by a scan.
CREATE INDEX changes_record ON changes(entity, record_key) WHERE op <> 'insert';
CREATE INDEX changes_set ON changes(set_id);

CREATE TABLE townships (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  code TEXT
) STRICT;

CREATE TABLE villages (
  id          INTEGER PRIMARY KEY,
  township_id INTEGER NOT NULL REFERENCES townships(id),
  name        TEXT NOT NULL,
  code        TEXT,
  UNIQUE (township_id, name)
) STRICT;

-- 网格: at most ~100 households each (seed 002).
CREATE TABLE grids (
  id         INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  name       TEXT NOT NULL,
  keeper     TEXT,
  UNIQUE (village_id, name)
) STRICT;

CREATE TABLE households (
  hh_no                TEXT PRIMARY KEY,
  village_id           INTEGER NOT NULL REFERENCES villages(id),
  grid_id              INTEGER REFERENCES grids(id),
  natural_village      TEXT,
  hh_type              TEXT NOT NULL,
  head_name            TEXT,
  head_id_no           TEXT,
  size_declared        INTEGER,
  phone                TEXT,
  relocated            INTEGER,
  whole_no_labour      INTEGER,
  dev_measure_status   TEXT,
  housing_unsafe       INTEGER,
  school_dropout       INTEGER,
  water_unsafe         INTEGER,
  uninsured            INTEGER,
  arable_land          REAL,
  forest_land          REAL,
  road_distance        REAL,
  -- monitoring state (the history is in monitoring_events)
  mon_category         TEXT,
  risk1                TEXT,
  risk2                TEXT,
  risk3                TEXT,
  risk4                TEXT,
  risk5                TEXT,
  disaster_sub         TEXT,
  identified_month     TEXT,
  risk_eliminated      INTEGER,
  elimination_method   TEXT,
  eliminated_month     TEXT,
  contact_person       TEXT,
  contact_phone        TEXT
) STRICT;
CREATE INDEX households_village ON households(village_id);
CREATE INDEX households_monitored ON households(mon_category) WHERE mon_category IS NOT NULL;

-- Identification, elimination, rollback, re-identification over the years.
CREATE TABLE monitoring_events (
  id          INTEGER PRIMARY KEY,
  hh_no       TEXT NOT NULL REFERENCES households(hh_no),
  event       TEXT NOT NULL CHECK (event IN ('识别','消除','回退','类别变更','风险变更')),
  month       TEXT,
  category    TEXT,
  risks       TEXT,
  method      TEXT,
  source      TEXT NOT NULL,
  case_id     INTEGER REFERENCES cases(id),
  set_id      INTEGER REFERENCES change_sets(id),
  note        TEXT
) STRICT;
CREATE INDEX monitoring_events_hh ON monitoring_events(hh_no);

CREATE TABLE members (
  id_no               TEXT PRIMARY KEY,
  id_type             TEXT,
  person_no           TEXT,
  hh_no               TEXT NOT NULL REFERENCES households(hh_no),
  name                TEXT NOT NULL,
  sex                 TEXT,
  birth_date          TEXT,
  ethnicity           TEXT,
  relation            TEXT NOT NULL,
  political           TEXT,
  education           TEXT,
  school_status       TEXT,
  health              TEXT,
  disability_type     TEXT,
  disability_grade    TEXT,
  labour_skill        TEXT,
  work_status         TEXT,
  work_months         REAL,
  work_place          TEXT,
  work_company        TEXT,
  medical_insured     INTEGER,
  pension_insured     INTEGER,
  illness_insured     INTEGER,
  dibao               TEXT,
  dibao_since         TEXT,
  tekun               INTEGER,
  tekun_since         TEXT,
  disabled_care       TEXT,
  child_status        TEXT,
  phone               TEXT,
  public_post         TEXT,
  public_post_months  REAL,
  status              TEXT NOT NULL DEFAULT '在册'
) STRICT;
CREATE INDEX members_hh ON members(hh_no);

CREATE TABLE incomes (
  hh_no            TEXT NOT NULL REFERENCES households(hh_no),
  year             INTEGER NOT NULL,
  size             INTEGER,
  wage             REAL,
  business         REAL,
  property         REAL,
  property_dividend REAL,
  property_other   REAL,
  transfer         REAL,
  family_planning  REAL,
  dibao_money      REAL,
  tekun_money      REAL,
  pension_money    REAL,
  eco_compensation REAL,
  transfer_other   REAL,
  business_cost    REAL,
  claims           REAL,
  self_pay         REAL,
  other_rigid      REAL,
  typed_net        REAL,
  typed_per_capita REAL,
  PRIMARY KEY (hh_no, year)
) STRICT;

CREATE TABLE measures (
  id            INTEGER PRIMARY KEY,
  hh_no         TEXT NOT NULL REFERENCES households(hh_no),
  member_id_no  TEXT NOT NULL DEFAULT '',
  category      TEXT NOT NULL,
  developmental INTEGER NOT NULL,
  content       TEXT NOT NULL DEFAULT '',
  amount        REAL,
  start_date    TEXT NOT NULL DEFAULT '',
  end_date      TEXT,
  UNIQUE (hh_no, member_id_no, category, content, start_date)
) STRICT;
CREATE INDEX measures_hh ON measures(hh_no);

CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY,
  source_dept    TEXT NOT NULL,
  id_no          TEXT NOT NULL,
  name           TEXT,
  alert_type     TEXT NOT NULL,
  value          REAL,
  alert_date     TEXT NOT NULL DEFAULT '',
  detail         TEXT,
  township_text  TEXT,
  village_text   TEXT,
  hh_no_text     TEXT,
  member_id_no   TEXT,
  hh_no          TEXT REFERENCES households(hh_no),
  status         TEXT NOT NULL DEFAULT '未交办',
  dispatched_at  TEXT,
  verify_result  TEXT,
  verify_note    TEXT,
  verifier       TEXT,
  verify_date    TEXT,
  UNIQUE (source_dept, id_no, alert_type, alert_date)
) STRICT;
CREATE INDEX alerts_hh ON alerts(hh_no);

CREATE TABLE campaigns (
  id           TEXT PRIMARY KEY,
  name         TEXT,
  as_of        TEXT NOT NULL,
  income_year  INTEGER NOT NULL,
  township     TEXT,
  rules        TEXT,
  created_at   TEXT NOT NULL,
  last_run_at  TEXT
) STRICT;

CREATE TABLE campaign_scope (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  hh_no       TEXT NOT NULL REFERENCES households(hh_no),
  PRIMARY KEY (campaign_id, hh_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE campaign_flags (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  hh_no       TEXT NOT NULL REFERENCES households(hh_no),
  rule_id     TEXT NOT NULL,
  category    TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  PRIMARY KEY (campaign_id, hh_no, rule_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE village_flags (
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  village_id  INTEGER NOT NULL REFERENCES villages(id),
  rule_id     TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  PRIMARY KEY (campaign_id, village_id, rule_id)
) STRICT;

-- Field visits: 入户排查 results of a campaign, or 回访 of eliminated households.
CREATE TABLE visits (
  id          INTEGER PRIMARY KEY,
  purpose     TEXT NOT NULL CHECK (purpose IN ('排查','回访')),
  campaign_id TEXT REFERENCES campaigns(id),
  hh_no       TEXT NOT NULL REFERENCES households(hh_no),
  visit_date  TEXT,
  visitor     TEXT,
  entered     INTEGER,
  result      TEXT,
  note        TEXT,
  category    TEXT,
  risks       TEXT,
  UNIQUE (purpose, campaign_id, hh_no)
) STRICT;
CREATE INDEX visits_hh ON visits(hh_no);

CREATE TABLE cases (
  id               INTEGER PRIMARY KEY,
  hh_no            TEXT NOT NULL REFERENCES households(hh_no),
  kind             TEXT NOT NULL CHECK (kind IN ('识别','消除')),
  source           TEXT,
  source_ref       TEXT,
  stage            TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT '办理中',
  opened_at        TEXT NOT NULL,
  closed_at        TEXT,
  category         TEXT,
  risks            TEXT,
  method           TEXT,
  publicity_start  TEXT,
  publicity_end    TEXT,
  note             TEXT
) STRICT;
CREATE INDEX cases_hh ON cases(hh_no);
CREATE UNIQUE INDEX cases_one_open ON cases(hh_no) WHERE status = '办理中';

CREATE TABLE case_decisions (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases(id),
  stage      TEXT NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('通过','不通过')),
  opinion    TEXT,
  handler    TEXT,
  decided_at TEXT NOT NULL,
  set_id     INTEGER REFERENCES change_sets(id)
) STRICT;
CREATE INDEX case_decisions_case ON case_decisions(case_id);

CREATE TABLE imports (
  id         INTEGER PRIMARY KEY,
  set_id     INTEGER REFERENCES change_sets(id),
  kind       TEXT NOT NULL,
  file       TEXT NOT NULL,
  at         TEXT NOT NULL,
  inserted   INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  unchanged  INTEGER NOT NULL,
  rejected   INTEGER NOT NULL,
  moved      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Derived incomes, never typed twice (SPEC §3).
CREATE VIEW income_totals AS
SELECT i.*,
  coalesce(wage,0) + coalesce(business,0) + coalesce(property,0) + coalesce(transfer,0) - coalesce(business_cost,0) AS net,
  CASE WHEN size > 0 THEN (coalesce(wage,0) + coalesce(business,0) + coalesce(property,0) + coalesce(transfer,0) - coalesce(business_cost,0)) * 1.0 / size END AS per_capita
FROM incomes i;
`;

const v2 = /* sql */ `
-- National-system exports as counties have them (SPEC Appendix C): household and member facts
-- of the per-person 监测对象信息 export and the 乡村建设 户信息.
ALTER TABLE households ADD COLUMN dangerous_house INTEGER;      -- 是否危房户
ALTER TABLE households ADD COLUMN toilet INTEGER;               -- 是否有卫生厕所
ALTER TABLE households ADD COLUMN toilet_usable INTEGER;        -- 卫生厕所是否能正常使用
ALTER TABLE households ADD COLUMN returned_farmland REAL;       -- 退耕还林面积（亩）
ALTER TABLE households ADD COLUMN orchard_land REAL;            -- 林果面积（亩）
ALTER TABLE households ADD COLUMN grassland REAL;               -- 牧草地面积（亩）
ALTER TABLE households ADD COLUMN water_area REAL;              -- 水面面积（亩）
ALTER TABLE households ADD COLUMN electricity INTEGER;          -- 是否通生活用电
ALTER TABLE households ADD COLUMN road_hardened INTEGER;        -- 入户道路是否硬化
ALTER TABLE households ADD COLUMN housing_area REAL;            -- 住房面积（平方米）

ALTER TABLE members ADD COLUMN disability_card_no TEXT;         -- 残疾人证 number (20/22 chars); id_no keeps its first 18
ALTER TABLE members ADD COLUMN out_of_school_reason TEXT;       -- 义务教育阶段未上学原因
ALTER TABLE members ADD COLUMN employment_channel TEXT;         -- 就业渠道（易地搬迁后扶使用）
ALTER TABLE members ADD COLUMN staff_medical_insured INTEGER;   -- 是否参加城镇职工基本医疗保险
ALTER TABLE members ADD COLUMN staff_pension_insured INTEGER;   -- 是否参加城镇职工基本养老保险
ALTER TABLE members ADD COLUMN medical_aid INTEGER;             -- 是否接受医疗救助
ALTER TABLE members ADD COLUMN accident_insured INTEGER;        -- 是否享受人身意外保险补贴
ALTER TABLE members ADD COLUMN tekun_scope TEXT;                -- 享受特困供养政策情况: 农村特困 / 城市特困 (tekun = 1)
CREATE INDEX members_person_no ON members(person_no) WHERE person_no IS NOT NULL;

-- 风险消除后 indicators: the household's situation when its risk was eliminated, as the national
-- export carries it or as recorded by the county's elimination decision.
CREATE TABLE elimination_snapshots (
  id               INTEGER PRIMARY KEY,
  hh_no            TEXT NOT NULL REFERENCES households(hh_no),
  eliminated_month TEXT NOT NULL DEFAULT '',
  school_dropout   INTEGER,   -- 风险消除后是否义务教育阶段适龄儿童少年失学辍学
  housing_damaged  INTEGER,   -- 风险消除后是否住房损毁
  uninsured        INTEGER,   -- 风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险
  water_damaged    INTEGER,   -- 风险消除后是否饮水设施损毁
  wage             REAL,
  property         REAL,
  transfer         REAL,
  business         REAL,
  business_cost    REAL,
  net              REAL,      -- 风险消除后家庭纯收入 (as recorded)
  per_capita       REAL,      -- 风险消除后家庭人均纯收入 (as recorded)
  claims           REAL,
  self_pay         REAL,
  source           TEXT,
  set_id           INTEGER REFERENCES change_sets(id),
  UNIQUE (hh_no, eliminated_month)
) STRICT;

-- （务工月监测）已外出务工信息: one row per person and period.
CREATE TABLE work_periods (
  id                INTEGER PRIMARY KEY,
  id_no             TEXT NOT NULL,
  working           INTEGER,   -- 是否已务工
  county            TEXT,      -- 务工所在县
  channel           TEXT,      -- 就业渠道
  company           TEXT,      -- 务工企业名称
  industry          TEXT,      -- 所属行业
  monthly_wage      REAL,      -- 务工月收入
  point_to_point    INTEGER,   -- 是否点对点输送
  transport_subsidy REAL,      -- 年度交通费补助
  start_month       TEXT NOT NULL DEFAULT '',
  end_month         TEXT,
  UNIQUE (id_no, start_month)
) STRICT;

-- 计划外出务工信息: one row per person.
CREATE TABLE work_plans (
  id_no         TEXT PRIMARY KEY,
  plan_work     INTEGER,   -- 是否计划务工
  plan_outside  INTEGER,   -- 是否计划外出务工
  plan_county   TEXT,      -- 计划务工所在县
  service_need  TEXT       -- 就业服务需求
) STRICT;

-- （自定义）行政村信息: the village statistics of the national system.
CREATE TABLE village_stats (
  village_id              INTEGER PRIMARY KEY REFERENCES villages(id),
  exited                  INTEGER,   -- 是否出列
  households              INTEGER,   -- 总户数
  population              INTEGER,   -- 总人口数
  collective_income       REAL,      -- 村级集体经济收入（万元）
  primary_schools         INTEGER,   -- 村小学（个数）
  pension_insured         INTEGER,   -- 参加城乡居民基本养老保险人数
  bus                     INTEGER,   -- 是否通客运班车
  clinics                 INTEGER,   -- 行政村卫生室个数
  public_toilets          INTEGER,   -- 行政村公共卫生厕所个数
  doctors                 INTEGER,   -- 行政村执业（助理）医师（人）
  garbage_points          INTEGER,   -- 行政村生产生活垃圾集中堆放点个数（个）
  libraries               INTEGER,   -- 行政村文化（图书）室个数（个）
  dibao_households        INTEGER,   -- 低保户数
  dibao_people            INTEGER,   -- 低保人口数
  tekun_people            INTEGER,   -- 特困供养人口数
  disabled_people         INTEGER,   -- 残疾人口数
  paved_road              INTEGER,   -- 到乡镇是否通沥青（水泥）路
  water_unsafe_households INTEGER,   -- 未实现饮水安全户数
  dangerous_houses        INTEGER    -- 危房户数
) STRICT;
`;

/**
 * Casework (review and elimination, issues 8 and 9): a clerk-facing 案件号, the 村提名/村级初审
 * checks with their dates, the 研判结果 of a refused case, and one open case per household and
 * kind (an identification and an elimination never overlap in practice, but the rule is per kind).
 */
const v3 = /* sql */ `
DROP INDEX cases_one_open;
CREATE UNIQUE INDEX cases_one_open ON cases(hh_no, kind) WHERE status = '办理中';
ALTER TABLE cases ADD COLUMN case_no TEXT;
ALTER TABLE cases ADD COLUMN disaster_sub TEXT;
ALTER TABLE cases ADD COLUMN nominated_at TEXT;
ALTER TABLE cases ADD COLUMN verify_date TEXT;
ALTER TABLE cases ADD COLUMN authorize_date TEXT;
ALTER TABLE cases ADD COLUMN deliberate_date TEXT;
ALTER TABLE cases ADD COLUMN result TEXT;
ALTER TABLE cases ADD COLUMN publicity_village_id INTEGER REFERENCES villages(id);
CREATE UNIQUE INDEX cases_case_no ON cases(case_no);
CREATE INDEX cases_open_stage ON cases(kind, stage) WHERE status = '办理中';
CREATE INDEX cases_source ON cases(source, source_ref) WHERE source_ref IS NOT NULL;
ALTER TABLE visits ADD COLUMN case_id INTEGER REFERENCES cases(id);
`;

/** Corrections (issue 10): the day a member died or moved away (状态 死亡/迁出). */
const v4 = /* sql */ `
ALTER TABLE members ADD COLUMN status_date TEXT;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: '登记库初始结构', sql: v1 },
  { version: 2, description: '全国系统导出的全部字段（务工、村级、风险消除后指标）', sql: v2 },
  { version: 3, description: '案件办理：案件号、村级核实日期、研判结果、每户每类一个在办案件', sql: v3 },
  { version: 4, description: '更正：成员状态（死亡、迁出）的日期', sql: v4 },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
