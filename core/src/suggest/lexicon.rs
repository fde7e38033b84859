//! The words the name rules know: place and organisation suffixes, words that only look like
//! names, and a gazetteer of names news writes without a suffix: countries, regions,
//! provinces, large cities and landmarks; parties, international bodies, short names and
//! large companies; people of history and letters.
//!
//! The gazetteer is `gazetteer.txt` beside this file: public knowledge typed for copydesk, one
//! label and its names a line.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Names news writes without a suffix, and their label.
static GAZETTEER: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut names = HashMap::new();
    for line in include_str!("gazetteer.txt").lines() {
        let mut words = line.split_whitespace();
        let label = match words.next() {
            Some("LOC") => "LOC",
            Some("ORG") => "ORG",
            Some("PER") => "PER",
            _ => continue,
        };
        for word in words {
            names.insert(word, label);
        }
    }
    names
});

/// One pattern for every name of the gazetteer, longest first, so that a name jieba cuts in
/// two (`粤港澳` + `大湾区`) is found whole.
static GAZETTEER_PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let mut names: Vec<&str> = GAZETTEER.keys().copied().collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    Regex::new(&names.join("|")).ok()
});

/// The gazetteer's names in `text`: byte range and label.
pub fn gazetteer_names(text: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let Some(re) = GAZETTEER_PATTERN.as_ref() else {
        return Vec::new();
    };
    re.find_iter(text)
        .filter_map(|m| GAZETTEER.get(m.as_str()).map(|&label| (m.range(), label)))
        .collect()
}

/// Words a place name ends with when written as its own jieba word.
pub const PLACE_SUFFIXES: &[&str] = &[
    "省",
    "市",
    "区",
    "县",
    "镇",
    "乡",
    "村",
    "街道",
    "社区",
    "路",
    "街",
    "大道",
    "巷",
    "片区",
    "新区",
    "开发区",
    "小区",
    "港",
    "产业园",
    "工业园",
    "科技园",
    "园区",
];
/// Single characters a longer place word ends with (`金水区`, `皋寨村`).
pub const PLACE_FINALS: &[char] = &['省', '市', '区', '县', '镇', '乡', '村', '街', '路'];
/// Words ending like a place that are never names, however long the word.
pub const NOT_PLACES: &[&str] = &[
    "公路",
    "马路",
    "道路",
    "铁路",
    "线路",
    "思路",
    "出路",
    "城市",
    "超市",
    "都市",
    "上市",
    "夜市",
    "城乡",
    "乡村",
    "农村",
    "商业街",
    "步行街",
];
/// Words jieba tags `ns` or that end like a place, which are only a kind of place.
pub const NOT_PLACE_WORDS: &[&str] = &[
    "大街",
    "一条街",
    "临街",
    "小城镇",
    "山村",
    "自治区",
    "自治州",
    "自治县",
    "经济特区",
    "保税区",
    "高速路",
    "开发区",
    "高新区",
    "新城区",
    "老城区",
    "风景区",
    "居民区",
    "工业区",
];
/// Characters an unknown word starts with when jieba's model glued a preposition to a place
/// (`从大阪到`, `于国`).
pub const NOT_PLACE_STARTS: &[char] = &[
    '从', '于', '以', '在', '到', '向', '和', '与', '对', '同', '跟', '由', '往', '自', '及', '为',
];
/// Endings that make an organisation's suffix part of another word (`机关干部`, `全部`).
pub const NOT_ORG_ENDINGS: &[&str] = &[
    "干部",
    "内部",
    "外部",
    "全部",
    "局部",
    "东部",
    "西部",
    "南部",
    "北部",
    "中部",
    "腹部",
    "头部",
    "胸部",
    "关系",
    "加油站",
    "一流大学",
    "保险公司",
];

/// Words ending like a place that are not names in a word of up to three characters.
pub const NOT_SHORT_PLACES: &[&str] = &[
    "地区", "城区", "社区", "小区", "片区", "山区", "市区", "郊区", "辖区", "园区", "景区", "新区",
    "老区", "街区", "湾区",
];

/// True if `word` ends like a place and is not a common word that merely looks like one.
pub fn looks_like_place(word: &str) -> bool {
    if NOT_PLACE_WORDS.contains(&word) {
        return false;
    }
    let short = word.chars().count() <= 3;
    (word.ends_with(PLACE_FINALS) || word.ends_with("街道"))
        && !NOT_PLACES.iter().any(|w| word.ends_with(w))
        && !(short && NOT_SHORT_PLACES.iter().any(|w| word.ends_with(w)))
}

/// Endings of organisation names. Single characters need a word of three or more.
pub const ORG_SUFFIXES: &[&str] = &[
    "有限责任公司",
    "有限公司",
    "公司",
    "集团",
    "大学",
    "学院",
    "科学院",
    "研究院",
    "研究所",
    "委员会",
    "管委会",
    "领导小组",
    "办事处",
    "中心",
    "医院",
    "卫生院",
    "剧团",
    "合唱团",
    "艺术团",
    "学校",
    "小学",
    "中学",
    "幼儿园",
    "银行",
    "协会",
    "商会",
    "工会",
    "联合会",
    "合作社",
    "工委",
    "党组",
    "农委",
    "少年宫",
    "俱乐部",
    "局",
    "部",
    "厅",
    "署",
    "院",
    "所",
    "人民政府",
    "政府",
    "联盟",
    "分行",
    "支行",
    "分公司",
    "总局",
    "分局",
    "日报",
    "晚报",
    "报社",
    "电视台",
    "广播电台",
    "出版社",
    "杂志社",
    "法院",
    "检察院",
    "红十字会",
    "立法会",
    "理事会",
    "董事会",
    "基金会",
    "研究会",
    "促进会",
    "学会",
    "总会",
    "分会",
    "贸促会",
    "工商联",
    "妇联",
    "侨联",
    "文联",
    "作协",
    "残联",
    "科协",
    "足协",
    "博物馆",
    "博物院",
    "纪念馆",
    "图书馆",
    "美术馆",
    "党委",
    "党工委",
    "党支部",
    "党总支",
    "委",
    "队",
    "党",
    "处",
];

/// Words jieba tags `nt` that name no organisation, or only a kind of one.
pub const NOT_ORGS: &[&str] = &[
    "国际化",
    "中南部",
    "社会科学",
    "天文学",
    "音乐会",
    "人民公社",
    "国家机关",
    "党组织",
    "人民军队",
    "人民大会堂",
    "解放区",
    "文理学院",
    "高级中学",
    "理工学院",
    "商学院",
    "音乐学院",
    "交易所",
    "通讯社",
    "公安局",
    "国家队",
    "建设路",
];
/// The last characters of the organisation suffixes, to turn most words away at once.
static ORG_SUFFIX_ENDS: LazyLock<std::collections::HashSet<char>> = LazyLock::new(|| {
    ORG_SUFFIXES
        .iter()
        .filter_map(|suffix| suffix.chars().next_back())
        .collect()
});

/// True if some organisation suffix ends in `c`.
pub fn ends_an_org_suffix(c: char) -> bool {
    ORG_SUFFIX_ENDS.contains(&c)
}

/// Tags of words that may stand inside an organisation's name (adjectives only after its
/// first word: `卫生健康委员会`, never `新公司`).
pub const NOUNISH: &[&str] = &[
    "n", "ns", "nr", "nz", "nt", "vn", "j", "ng", "nrt", "nrfg", "t", "m", "b", "an", "l", "zg",
    "a", "s",
];
/// Tags of words an organisation's name does not start with.
pub const NOT_FIRST: &[&str] = &["m", "t", "vn", "zg", "l", "a"];
/// Conjunctions inside an organisation's name, between two nouns (`工业和信息化部`).
pub const JOINING: &[&str] = &["和", "与"];

/// Characters a three-character `nr` word ends with when it names a place or a thing
/// (`华容县`, `黄鹤楼`, `黄金周`), not a person.
pub const NOT_NAME_ENDS: &str = "县市区镇乡村河湖山岭楼庙桥周花筑院街路港洲州城寺宫殿门塔江海诗画图像赛剧曲词歌爷妈姐哥叔婶嫂伯婆";

/// Titles an organisation's last word may end in (`医院院长`, `局局长`): the organisation ends
/// before them.
pub const TITLES_AFTER_ORG: &[&str] = &[
    "董事长",
    "总经理",
    "院长",
    "局长",
    "校长",
    "馆长",
    "行长",
    "会长",
    "所长",
    "站长",
    "主任",
    "书记",
    "部长",
    "厅长",
    "处长",
    "科长",
    "经理",
    "主席",
];

/// Characters transliterated names are written with, for names joined by `·`.
pub const TRANSLITERATION: &str = "顿斐娜娃琳妮丝兹茨珊黛蕾薇夫科沃拉特里亚克尔谢耶维奇巴赫阿艾安奥拜班邦贝本比彼宾波伯博布查达戴丹道德登迪蒂杜多厄恩法凡菲费芬丰佛弗福盖甘冈戈格古圭哈海汉豪亨胡华霍基吉加贾杰金卡凯坎康考柯肯库夸莱兰朗劳勒雷利莉连林卢鲁路伦罗洛玛马麦迈曼梅门蒙米密明缪摩莫默姆穆纳奈南内尼涅宁纽努诺欧帕潘佩彭皮珀普齐乔切琼丘萨塞桑瑟森沙莎尚什史舒斯松苏索塔泰坦汤唐提图托瓦万威韦温乌武西希辛休雅扬伊因英尤于约泽扎詹卓佐买力木罕江丽";
