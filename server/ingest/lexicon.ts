/**
 * The words the extraction rules know: name suffixes and the type each gives, titles, Shanghai's
 * districts, common surnames, and the words that end or start a name. Data only.
 */
import type { EntityKind, EntityType } from '../domain/model.js';

/**
 * How a suffix behaves in a run of names:
 * - `party`: a party organisation (党委, 党支部 …) — always ends a name;
 * - `company`: a legal form (有限公司 …) — ends a name unless another suffix follows at once;
 * - `sub`: a part of something named before it (产业链, 片区, 分会) — a name only when another
 *   suffix comes earlier in the same name (闵行区产业集群党建联盟生物医药产业链, not 生物医药产业链);
 * - `name`: any other organisation, place or region suffix.
 */
export type SuffixRole = 'party' | 'company' | 'sub' | 'name';

export interface SuffixRule {
  suffix: string;
  type: EntityType;
  kind?: EntityKind;
  role: SuffixRole;
}

const rules: [string, EntityType, EntityKind | undefined, SuffixRole][] = [
  // Party organisations: the organisation itself (an alias), or a territorial body's committee.
  ['联合党支部', 'Government', 'party_committee', 'party'],
  ['机关党委', 'Government', 'party_committee', 'party'],
  ['党总支', 'Government', 'party_committee', 'party'],
  ['党支部', 'Government', 'party_committee', 'party'],
  ['党工委', 'Government', 'party_committee', 'party'],
  ['党委', 'Government', 'party_committee', 'party'],
  // Companies
  ['股份有限公司', 'Enterprise', undefined, 'company'],
  ['有限责任公司', 'Enterprise', undefined, 'company'],
  ['有限公司', 'Enterprise', undefined, 'company'],
  ['分公司', 'Enterprise', undefined, 'company'],
  ['公司', 'Enterprise', undefined, 'company'],
  ['集团', 'Enterprise', undefined, 'company'],
  ['研发中心', 'Enterprise', undefined, 'name'],
  ['制药', 'Enterprise', undefined, 'name'],
  ['药业', 'Enterprise', undefined, 'name'],
  // Hospitals
  ['社区卫生服务中心', 'Hospital', 'community_health', 'name'],
  ['卫生服务中心', 'Hospital', 'community_health', 'name'],
  ['精神卫生中心', 'Hospital', 'specialist', 'name'],
  ['妇幼保健院', 'Hospital', 'specialist', 'name'],
  ['防治院', 'Hospital', 'specialist', 'name'],
  ['医院', 'Hospital', 'hospital', 'name'],
  ['院区', 'Hospital', 'hospital', 'name'],
  ['分院', 'Hospital', 'hospital', 'name'],
  // Universities and research bodies
  ['重大科技基础设施', 'University', undefined, 'name'],
  ['医学院', 'University', undefined, 'name'],
  ['研究院', 'University', undefined, 'name'],
  ['研究所', 'University', undefined, 'name'],
  ['实验室', 'University', undefined, 'name'],
  ['大学', 'University', undefined, 'name'],
  ['学院', 'University', undefined, 'name'],
  // Alliances, chambers, associations
  ['工商业联合会', 'Alliance', 'chamber_of_commerce', 'name'],
  ['工商联', 'Alliance', 'chamber_of_commerce', 'name'],
  ['总商会', 'Alliance', 'chamber_of_commerce', 'name'],
  ['商会', 'Alliance', 'chamber_of_commerce', 'name'],
  ['分商会', 'Alliance', 'chamber_of_commerce', 'sub'],
  ['分会', 'Alliance', 'chamber_of_commerce', 'sub'],
  ['行业协会', 'Alliance', 'industry_association', 'name'],
  ['协会', 'Alliance', 'industry_association', 'name'],
  ['学会', 'Alliance', 'industry_association', 'name'],
  ['联盟', 'Alliance', 'industry_alliance', 'name'],
  ['专委会', 'Alliance', 'committee', 'name'],
  ['专业委员会', 'Alliance', 'committee', 'name'],
  ['服务团', 'Alliance', 'committee', 'name'],
  ['议事会', 'Alliance', 'council', 'name'],
  ['理事会', 'Alliance', 'council', 'name'],
  ['区域链', 'Alliance', 'chain', 'name'],
  ['产业链', 'Alliance', 'chain', 'sub'],
  ['片区', 'Alliance', 'council', 'sub'],
  ['宣教部', 'Alliance', 'committee', 'sub'],
  // Government
  ['人民政府', 'Government', 'government', 'name'],
  ['政府', 'Government', 'government', 'name'],
  ['街道办事处', 'Government', 'government', 'name'],
  ['办事处', 'Government', 'government', 'name'],
  ['人民代表大会', 'Government', 'congress', 'name'],
  ['人大', 'Government', 'congress', 'name'],
  ['区委', 'Government', 'party_committee', 'name'],
  ['市委', 'Government', 'party_committee', 'name'],
  ['县委', 'Government', 'party_committee', 'name'],
  ['统战部', 'Government', 'agency', 'name'],
  ['组织部', 'Government', 'agency', 'name'],
  ['宣传部', 'Government', 'agency', 'name'],
  ['委员会', 'Government', 'agency', 'name'],
  ['管委会', 'Government', 'agency', 'name'],
  ['经信委', 'Government', 'agency', 'name'],
  ['发改委', 'Government', 'agency', 'name'],
  ['卫健委', 'Government', 'agency', 'name'],
  ['经委', 'Government', 'agency', 'name'],
  ['科委', 'Government', 'agency', 'name'],
  ['管理局', 'Government', 'agency', 'name'],
  ['融媒体中心', 'Government', 'media', 'name'],
  ['服务中心', 'Government', 'agency', 'name'],
  ['促进中心', 'Government', 'agency', 'name'],
  ['中心', 'Government', 'agency', 'name'],
  ['工作站', 'Government', 'agency', 'name'],
  ['海关', 'Government', 'customs', 'name'],
  // Parks
  ['经济技术开发区', 'Park', 'other', 'name'],
  ['开发区', 'Park', 'other', 'name'],
  ['经开区', 'Park', 'other', 'name'],
  ['高新区', 'Park', 'other', 'name'],
  ['医学园区', 'Park', 'biomedicine', 'name'],
  ['产业园区', 'Park', 'other', 'name'],
  ['园区', 'Park', 'other', 'name'],
  ['高科技园', 'Park', 'other', 'name'],
  ['科技园', 'Park', 'other', 'name'],
  ['产业园', 'Park', 'other', 'name'],
  ['工业园', 'Park', 'other', 'name'],
  ['功能区', 'Park', 'biomedicine', 'name'],
  ['科技城', 'Park', 'biomedicine', 'name'],
  ['科学城', 'Park', 'biomedicine', 'name'],
  ['产业基地', 'Park', 'biomedicine', 'name'],
  ['基地', 'Park', 'other', 'name'],
  ['谷', 'Park', 'biomedicine', 'name'],
  // Regions
  ['街道', 'Region', 'subdistrict', 'name'],
  ['镇', 'Region', 'town', 'name'],
];

export const SUFFIXES: readonly SuffixRule[] = rules.map(([suffix, type, kind, role]) => ({ suffix, type, kind, role }));

/** Longest first, so that 股份有限公司 wins over 公司 at the same place. */
export const SUFFIXES_BY_LENGTH: readonly SuffixRule[] = [...SUFFIXES].sort((a, b) => b.suffix.length - a.suffix.length);

/** Words naming a specialist hospital. */
export const SPECIALIST = /眼耳鼻喉|口腔|精神|肿瘤|儿童|妇产|妇幼|胸科|肺科|眼科|皮肤|传染|骨科/;

/** Markers of an alliance: a committee or department inside one is the alliance's, not the government's. */
export const ALLIANCE_MARKER = /工商联|工商业联合会|商会|协会|联盟|学会/;

/** Shanghai's sixteen districts (the short name is the full one less 区; 浦东新区 → 浦东). */
export const SHANGHAI_DISTRICTS: readonly string[] = [
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '浦东新区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
];
export const CITY = '上海市';

/** Short district name → full name. */
export const DISTRICT_SHORT: ReadonlyMap<string, string> = new Map(SHANGHAI_DISTRICTS.map((d) => [d.replace(/新?区$/, ''), d]));

/**
 * Titles, longest first where one contains another. `org` is the part of the title that names the
 * body (区委书记 → 区委, 镇长 → 镇人民政府): it is appended to what precedes the title.
 */
export interface TitleRule {
  title: string;
  org?: string;
}
const titleRules: TitleRule[] = [
  ...['区委书记', '区委副书记', '区委常委'].map((title) => ({ title, org: '区委' })),
  ...['市委书记', '市委副书记', '市委常委'].map((title) => ({ title, org: '市委' })),
  ...['党委书记', '党委副书记'].map((title) => ({ title, org: '党委' })),
  ...['党工委书记', '党工委副书记'].map((title) => ({ title, org: '党工委' })),
  ...['人大主席', '人大副主席'].map((title) => ({ title, org: '人大' })),
  ...['区长', '副区长'].map((title) => ({ title, org: '区人民政府' })),
  ...['镇长', '副镇长'].map((title) => ({ title, org: '镇人民政府' })),
  ...['市长', '副市长'].map((title) => ({ title, org: '市人民政府' })),
  ...[
    '党组书记',
    '党组副书记',
    '党组成员',
    '组织委员',
    '宣传委员',
    '纪委书记',
    '首席执行长',
    '执行长',
    '总召集人',
    '召集人',
    '常务副会长',
    '执行会长',
    '名誉会长',
    '副会长',
    '会长',
    '副秘书长',
    '秘书长',
    '副理事长',
    '理事长',
    '副董事长',
    '董事长',
    '副总经理',
    '总经理',
    '总裁',
    '首席执行官',
    '创始人',
    '副院长',
    '院长',
    '副校长',
    '校长',
    '副所长',
    '所长',
    '副主任',
    '主任',
    '副部长',
    '部长',
    '副局长',
    '局长',
    '副主席',
    '主席',
    '常委',
    '执委',
    '副书记',
    '书记',
    '负责人',
  ].map((title) => ({ title })),
];
export const TITLES: readonly TitleRule[] = [...titleRules].sort((a, b) => b.title.length - a.title.length);

/** Common single-character surnames (the first ~400 of the 百家姓 by frequency) and compound ones. */
export const SURNAMES = new Set(
  '洪王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺厉伊仝郜阚帅屠朴廉禹漆狄晁芮阙浦戈伏鹿薄邸雍辜羊裘亓邰赫杭况嵇湛茅冶'.split(
    '',
  ),
);
export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '令狐',
  '慕容',
  '夏侯',
  '长孙',
  '宇文',
  '司徒',
  '轩辕',
];

/** Words that start after a person's name (so a 2-character name stops before them). */
export const AFTER_NAME =
  /^(?:[,,、。;;::)()\s“”"]|等|在|出席|参加|表示|介绍|指出|主持|强调|认为|提议|提出|说|为|和|与|及|对|向|同|也|则|还|就|是|从|已|到|将|并|被|把|率|带|一行|作|代表|发|致|讲|做|宣|共同|分别|担任|签约|签署|签订|签字|任|同志|先生|女士|$)/;

/** Two-character words that follow a title but are no name (副会长单位, 部长会议 …). */
export const NOT_A_NAME =
  /^(?:单位|代表|同志|负责|相关|担任|参加|出席|会议|人员|班子|办公|工作|职务|一职|以上|级别|名单|候选|助理|联络|之一|们)/;

/** Words that may stand before a name and are never part of it (verbs and prepositions). */
export const LEAD_BREAKS: readonly string[] = [
  '成立了',
  '成立',
  '举行',
  '举办',
  '召开',
  '签约',
  '签署',
  '担任',
  '出席',
  '参加',
  '主办',
  '协办',
  '承办',
  '指导',
  '牵头',
  '位于',
  '落户',
  '集聚了',
  '集聚',
  '引进',
  '培育',
  '设立',
  '下设',
  '组建',
  '包括',
  '作为',
  '代表',
  '分享',
  '发布',
  '展示',
  '推进',
  '打造',
  '用好',
  '依托',
  '携手',
  '加入',
  '配合',
  '推动',
  '围绕',
  '通过',
  '按照',
  '根据',
  '以及',
  '及其',
  '其中',
  '认定为',
  '成为',
  '前往',
  '走访',
  '调研',
  '考察',
  '莅临',
  '来到',
  '入驻',
  '进驻',
  '授予',
  '颁发',
  '表示',
  '指出',
  '介绍',
  '希望',
  '获得',
  '荣获',
  '提供',
  '开展',
  '召集',
  '当天',
  '目前',
  '近日',
  '日前',
  '同时',
  '此外',
  '服务',
  '全力',
  '努力',
  '帮助',
  '实现',
  '进一步',
  '充分',
  '挖掘',
  '特邀',
  '发挥',
  '鼓励',
  '吸引',
  '积极',
  '不断',
  '相关',
  '建设',
  '支持',
  '坚持',
  '引领',
  '加快',
  '加强',
  '助推',
  '深化',
  '做好',
  '做实',
  '做强',
  '搭建',
  '构建',
  '形成',
  '聚焦',
  '助力',
  '带动',
  '赋能',
  '落实',
  '完善',
  '建立',
  '凝聚',
  '朝着',
  '分别',
  '负责',
  '同志',
  '布局有',
  '布局',
  '设有',
  '内设',
  '拥有',
  '规划',
  '承载',
  '暨',
  '成员',
  '单位',
];
/** The lead breaks that also cut a name from inside (服务, 指导, 推进 … occur inside names). */
const INSIDE_NAMES = new Set([
  '服务',
  '指导',
  '发布',
  '展示',
  '推进',
  '培育',
  '引进',
  '提供',
  '开展',
  '代表',
  '设立',
  '获得',
  '调研',
  '考察',
  '颁发',
  '同时',
  '此外',
  '召集',
]);
export const INNER_BREAKS: readonly string[] = LEAD_BREAKS.filter((w) => !INSIDE_NAMES.has(w));
/** Single characters that end what precedes a name wherever they stand (rare inside names). */
export const STRONG_BREAK_CHARS = '的在由于将把被从让使给以为等';
/** Single characters that separate names only right after a complete name or at the start. */
export const WEAK_BREAK_CHARS = '与和及对是了向';

/** Words at the start of a name that make it a description, not a name (dropped from the front). */
export const GENERIC_LEAD: readonly string[] = [
  '生物医药',
  '生物',
  '医药',
  '产业',
  '特色',
  '市级',
  '区级',
  '国家级',
  '省级',
  '重点',
  '相关',
  '优质',
  '高端',
  '首批',
  '全区',
  '全市',
  '全镇',
  '各级',
  '各',
  '该',
  '本',
  '此',
  '这',
  '一个',
  '一批',
  '一家',
  '多家',
  '驻区',
  '所属',
  '直属',
  '异地',
  '行业',
  '部分',
  '基层',
  '专业',
  '综合',
  '实训',
  '制造业',
  '制造',
  '研发',
  '创新',
  '现代',
  '我们',
  '他们',
  '其',
  '有关',
  '党建',
  '龙头',
  '跨国',
  '企业',
  '优秀',
  '众多',
  '区域',
  '主要',
  '重要',
  '统战',
  '两个',
  '2个',
  '新',
  '大',
  '小',
];

/** Cut everything up to and including these (闵行区首个产业园区统战议事会 → 产业园区统战议事会). */
export const ORDINAL_CUT = /^.*?(?:首个|首家|第一个|一个|一家)/;
