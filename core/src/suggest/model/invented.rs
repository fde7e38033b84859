//! An invented labelled corpus: newspaper-like sentences built from templates and invented
//! names of people, places and organisations, as many as asked, the same for the same seed.
//!
//! For tests, benchmarks and trying the model out: no real labelled corpus may ship with
//! copydesk. Every name here is made up.

use super::Example;
use super::examples::Entity;
use super::perceptron::SplitMix;
use super::sentence::Sentence;

const SURNAMES: &[&str] = &[
    "林", "苏", "方", "白", "温", "陆", "沈", "叶", "顾", "秦", "魏", "程", "姚", "邵", "韩", "纪",
];
const GIVEN: &[&str] = &[
    "晓舟", "念", "可", "川", "立新", "海燕", "卫东", "若兰", "志远", "小禾", "静", "振华", "明轩",
    "雨桐", "建国", "一鸣",
];
const PLACES: &[&str] = &[
    "青禾县",
    "白川市",
    "南岭镇",
    "东湖区",
    "云溪乡",
    "石门县",
    "北塘村",
    "临江市",
    "梧桐镇",
    "金沙区",
    "凤栖县",
    "柳河乡",
    "望海市",
    "红岩村",
    "松阳县",
    "碧水镇",
];
const ORG_HEADS: &[&str] = &[
    "农业局",
    "第一中学",
    "化工公司",
    "人民医院",
    "供电公司",
    "交通运输局",
    "文化馆",
    "农村信用社",
    "环保协会",
    "科技园管委会",
];
const PLAIN: &[&str] = &[
    "今年以来，各项工作稳步推进。",
    "会议强调，要进一步压实责任。",
    "据介绍，项目总投资约三亿元。",
    "春耕生产已全面展开。",
    "活动现场气氛热烈。",
    "下一步将加快完善配套设施。",
];

/// One piece of a template: text, or a slot for an entity.
enum Piece {
    Text(&'static str),
    Person,
    Place,
    Org,
}

const TEMPLATES: &[&[Piece]] = {
    use Piece::{Org, Person, Place, Text};
    &[
        &[Person, Text("来到"), Place, Text("调研春耕生产。")],
        &[
            Org,
            Text("负责人"),
            Person,
            Text("介绍，"),
            Place,
            Text("今年新建道路三条。"),
        ],
        &[
            Person,
            Text("说，"),
            Org,
            Text("将继续支持"),
            Place,
            Text("发展。"),
        ],
        &[
            Text("据"),
            Org,
            Text("消息，"),
            Place,
            Text("已完成全年任务。"),
        ],
        &[
            Text("记者从"),
            Org,
            Text("获悉，"),
            Person,
            Text("当选为新一届理事长。"),
        ],
        &[Place, Text("村民"), Person, Text("种植的蜜桔喜获丰收。")],
        &[
            Text("在"),
            Place,
            Text("，"),
            Person,
            Text("和"),
            Person,
            Text("一起走访了"),
            Org,
            Text("。"),
        ],
        &[Org, Text("与"), Org, Text("签订合作协议。")],
    ]
};

/// `n` labelled sentences, drawn from `seed`; about one in five has no entity.
pub fn sentences(n: usize, seed: u64) -> Vec<Example> {
    let mut random = SplitMix::new(seed);
    let mut pick = |len: usize| usize::try_from(random.next_u64() % len as u64).unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if pick(5) == 0 {
            out.push(Example {
                sentence: Sentence::bare(PLAIN[pick(PLAIN.len())]),
                entities: Vec::new(),
            });
            continue;
        }
        let template = TEMPLATES[pick(TEMPLATES.len())];
        let mut text = String::new();
        let mut entities = Vec::new();
        for piece in template {
            let (label, name) = match piece {
                Piece::Text(t) => {
                    text.push_str(t);
                    continue;
                }
                Piece::Person => (
                    "PER",
                    format!(
                        "{}{}",
                        SURNAMES[pick(SURNAMES.len())],
                        GIVEN[pick(GIVEN.len())]
                    ),
                ),
                Piece::Place => ("LOC", PLACES[pick(PLACES.len())].to_owned()),
                Piece::Org => (
                    "ORG",
                    format!(
                        "{}{}",
                        PLACES[pick(PLACES.len())],
                        ORG_HEADS[pick(ORG_HEADS.len())]
                    ),
                ),
            };
            let start = text.chars().count();
            text.push_str(&name);
            entities.push(Entity {
                label: label.to_owned(),
                start,
                end: start + name.chars().count(),
            });
        }
        out.push(Example {
            sentence: Sentence::bare(&text),
            entities,
        });
    }
    out
}

/// `examples` as a CoNLL file in IOB2 (a character and its tag a line, a blank line between
/// sentences), as `copydesk import --format conll` reads.
pub fn to_bio(examples: &[Example]) -> String {
    let mut out = String::new();
    for example in examples {
        for (at, c) in example.sentence.chars.iter().enumerate() {
            let tag = example
                .entities
                .iter()
                .find(|e| e.start <= at && at < e.end)
                .map_or_else(
                    || "O".to_owned(),
                    |e| format!("{}-{}", if e.start == at { "B" } else { "I" }, e.label),
                );
            out.push(*c);
            out.push('\t');
            out.push_str(&tag);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
