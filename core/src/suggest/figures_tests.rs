//! Figures on invented sentences: every numeral form, scale, approximation, range, unit
//! family, the context fields, and the numbers that are not figures.

use super::super::element::Element;
use super::find;
use crate::annotation::{Change, Direction, Metric};
use crate::text::Span;

/// The figures in `text`: quote, span, rule, metric.
fn figures(text: &str) -> Vec<(String, Span, &'static str, Metric)> {
    let element = Element::from_text(text);
    find(&element)
        .metrics
        .into_iter()
        .map(|(span, rule, metric)| (element.str(span).to_owned(), span, rule, metric))
        .collect()
}

fn quotes(text: &str) -> Vec<String> {
    figures(text).into_iter().map(|(q, ..)| q).collect()
}

/// The one figure quoted `quote`, checked to sit at the first occurrence of `quote`.
fn figure(text: &str, quote: &str) -> (&'static str, Metric) {
    let all = figures(text);
    let Some((_, span, rule, metric)) = all.iter().find(|(q, ..)| q == quote).cloned() else {
        panic!(
            "no figure {quote:?} in {:?}",
            all.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
    };
    let byte = text.find(quote).unwrap();
    let start = text[..byte].chars().count();
    assert_eq!(span, Span::new(start, start + quote.chars().count()));
    (rule, metric)
}

fn value(m: &Metric) -> (&str, Option<f64>, u64, Option<&str>) {
    (m.value.as_str(), m.number, m.scale, m.unit.as_deref())
}

#[test]
fn arabic_numerals_decimals_and_separators() {
    let text = "全年接待游客1,234人次,人均消费８６．５元,新建道路12.75公里。";
    let (rule, m) = figure(text, "1,234人次");
    assert_eq!(
        (rule, value(&m)),
        ("metric.count", ("1,234", Some(1234.0), 1, Some("人次")))
    );
    let (rule, m) = figure(text, "８６．５元");
    assert_eq!(
        (rule, value(&m)),
        ("metric.money", ("８６．５", Some(86.5), 1, Some("元")))
    );
    let (rule, m) = figure(text, "12.75公里");
    assert_eq!(
        (rule, value(&m)),
        ("metric.length", ("12.75", Some(12.75), 1, Some("公里")))
    );
}

#[test]
fn chinese_numerals() {
    let text = "村里种下三千五百棵树,建成一百零八座大棚,新增两万户用户,用时三天。";
    assert_eq!(
        value(&figure(text, "三千五百棵").1),
        ("三千五百", Some(3500.0), 1, Some("棵"))
    );
    assert_eq!(
        value(&figure(text, "一百零八座").1),
        ("一百零八", Some(108.0), 1, Some("座"))
    );
    assert_eq!(
        value(&figure(text, "两万户").1),
        ("两", Some(20_000.0), 10_000, Some("户"))
    );
    assert_eq!(figure(text, "三天").0, "metric.duration");
    let (rule, m) = figure("失业率下降到百分之十二。", "百分之十二");
    assert_eq!(
        (rule, value(&m)),
        ("metric.percent", ("百分之十二", Some(12.0), 1, Some("%")))
    );
}

#[test]
fn scales_and_mixed_forms() {
    let text = "前三季度,全县地区生产总值554.1亿元,引进资金5000余万元,项目总投资1亿2000万元,债务规模3万亿元,人口12万。";
    let (rule, m) = figure(text, "554.1亿元");
    assert_eq!(rule, "metric.money");
    assert_eq!(
        value(&m),
        ("554.1", Some(55_410_000_000.0), Metric::YI, Some("元"))
    );
    let m = figure(text, "5000余万元").1;
    assert_eq!(
        value(&m),
        ("5000", Some(50_000_000.0), Metric::WAN, Some("元"))
    );
    assert_eq!(m.approx.as_deref(), Some("余"));
    let m = figure(text, "1亿2000万元").1;
    assert_eq!(
        value(&m),
        ("1亿2000", Some(120_000_000.0), Metric::WAN, Some("元"))
    );
    let m = figure(text, "3万亿元").1;
    assert_eq!(value(&m), ("3", Some(3e12), Metric::WAN_YI, Some("元")));
    let (rule, m) = figure(text, "12万");
    assert_eq!(
        (rule, value(&m)),
        ("metric.scale", ("12", Some(120_000.0), Metric::WAN, None))
    );
    assert_eq!(
        value(&figure("收入2.9万元。", "2.9万元").1).1,
        Some(29_000.0)
    );
}

#[test]
fn approximation_words() {
    let text = "300余名工人,纯收入6万多元,约80人,近200户,超5000人次,逾百分之九十,面积3.4亿亩左右,气温10度上下。";
    let approx = |quote: &str| figure(text, quote).1.approx;
    assert_eq!(approx("300余名").as_deref(), Some("余"));
    assert_eq!(approx("6万多元").as_deref(), Some("多"));
    assert_eq!(approx("约80人").as_deref(), Some("约"));
    assert_eq!(approx("近200户").as_deref(), Some("近"));
    assert_eq!(approx("超5000人次").as_deref(), Some("超"));
    assert_eq!(approx("逾百分之九十").as_deref(), Some("逾"));
    assert_eq!(approx("3.4亿亩左右").as_deref(), Some("左右"));
    assert_eq!(approx("10度上下").as_deref(), Some("上下"));
    assert_eq!(figure(text, "6万多元").1.number, Some(60_000.0));
}

#[test]
fn ranges() {
    let text = "建设1-3个基地,用3至5年时间,占比15%～30%,投入3-5万元。";
    let m = figure(text, "1-3个").1;
    assert_eq!(
        (m.value.as_str(), m.number, m.upper),
        ("1-3", Some(1.0), Some(3.0))
    );
    let (rule, m) = figure(text, "3至5年");
    assert_eq!(
        (rule, m.number, m.upper),
        ("metric.duration", Some(3.0), Some(5.0))
    );
    let m = figure(text, "15%～30%").1;
    assert_eq!((m.value.as_str(), m.unit.as_deref()), ("15～30", Some("%")));
    assert_eq!((m.number, m.upper), (Some(15.0), Some(30.0)));
    let m = figure(text, "3-5万元").1;
    assert_eq!(
        (m.number, m.upper, m.scale),
        (Some(30_000.0), Some(50_000.0), Metric::WAN)
    );
}

#[test]
fn percent_and_points_are_distinct() {
    let text = "占比达到98.6%,比重提高0.5个百分点,合格率100％。";
    assert_eq!(figure(text, "98.6%").0, "metric.percent");
    let (rule, m) = figure(text, "0.5个百分点");
    assert_eq!(
        (rule, m.unit.as_deref()),
        ("metric.points", Some("个百分点"))
    );
    assert_eq!(figure(text, "100％").1.unit.as_deref(), Some("％"));
}

#[test]
fn unit_families() {
    let text = "建成120平方米,流转800亩,新修5公里,出口30吨,进口20万美元,服务3个月,运行12小时,8家企业,60套住房,500名学生,2场比赛,6项机制。";
    let rules: Vec<&str> = figures(text).iter().map(|f| f.2).collect();
    assert_eq!(
        rules,
        [
            "metric.area",
            "metric.area",
            "metric.length",
            "metric.weight",
            "metric.money",
            "metric.duration",
            "metric.duration",
            "metric.count",
            "metric.count",
            "metric.count",
            "metric.count",
            "metric.count"
        ]
    );
    assert_eq!(figure(text, "20万美元").1.unit.as_deref(), Some("美元"));
    assert_eq!(figure(text, "3个月").1.unit.as_deref(), Some("个月"));
}

#[test]
fn indicators() {
    let text = "前三季度,滨江区地区生产总值完成386.2亿元,规模以上工业增加值12.4亿元,社会消费品零售总额达到241.7亿元,一般公共预算收入为27.3亿元;全镇食用菌产量达到5800吨,全年共解决企业难题865件。";
    let indicator = |quote: &str| figure(text, quote).1.indicator;
    assert_eq!(indicator("386.2亿元").as_deref(), Some("地区生产总值"));
    assert_eq!(indicator("12.4亿元").as_deref(), Some("规模以上工业增加值"));
    assert_eq!(
        indicator("241.7亿元").as_deref(),
        Some("社会消费品零售总额")
    );
    assert_eq!(indicator("27.3亿元").as_deref(), Some("一般公共预算收入"));
    assert_eq!(indicator("5800吨").as_deref(), Some("食用菌产量"));
    assert_eq!(indicator("865件").as_deref(), Some("解决企业难题"));
    assert_eq!(
        figure("“不见面”审批事项占比98%。", "98%")
            .1
            .indicator
            .as_deref(),
        Some("审批事项占比")
    );
    assert_eq!(
        figure("建成了“四个一”等6项机制。", "6项").1.indicator,
        None,
        "等 alone is no indicator"
    );
}

#[test]
fn periods() {
    let period = |text: &str, quote: &str| figure(text, quote).1.period;
    assert_eq!(
        period("前三季度,投资152亿元。", "152亿元").as_deref(),
        Some("前三季度")
    );
    assert_eq!(
        period("今年以来,新增企业865家。", "865家").as_deref(),
        Some("今年以来")
    );
    assert_eq!(
        period("今年1—10月,产量5800吨。", "5800吨").as_deref(),
        Some("今年1—10月")
    );
    assert_eq!(
        period("截至11月底,建成食堂23家。", "23家").as_deref(),
        Some("截至11月底")
    );
    assert_eq!(
        period("上半年,收入9亿元。", "9亿元").as_deref(),
        Some("上半年")
    );
    assert_eq!(
        period("上半年收入9亿元。下半年支出3亿元。", "3亿元").as_deref(),
        Some("下半年")
    );
    assert_eq!(period("收入9亿元。", "9亿元"), None);
    let text = "前三季度,投资152亿元;收入9亿元。";
    assert_eq!(
        period(text, "9亿元").as_deref(),
        Some("前三季度"),
        "across a semicolon"
    );
}

#[test]
fn changes_belong_to_the_figure_before_them() {
    let text = "新增市场主体2.9万户,同比增长27.9%,总量达到31.2万户,比上年末增长7.4%。";
    assert_eq!(
        quotes(text),
        ["2.9万户", "31.2万户"],
        "change figures are not separate"
    );
    let change = figure(text, "2.9万户").1.change;
    let expected = Change {
        phrase: "同比增长".to_owned(),
        direction: Direction::Up,
        figure: "27.9%".to_owned(),
    };
    assert_eq!(change, Some(expected));
    let change = figure(text, "31.2万户").1.change.unwrap();
    assert_eq!(
        (change.phrase.as_str(), change.figure.as_str()),
        ("比上年末增长", "7.4%")
    );
}

#[test]
fn a_change_alone_is_the_metric() {
    let text = "商品房销售面积同比增长109.5%,工业投资增速29.1%,能耗下降3个百分点。";
    let (rule, m) = figure(text, "109.5%");
    assert_eq!(rule, "metric.percent");
    assert_eq!(m.indicator.as_deref(), Some("商品房销售面积"));
    assert_eq!(m.change.as_ref().map(|c| c.direction), Some(Direction::Up));
    let m = figure(text, "29.1%").1;
    assert_eq!(m.indicator.as_deref(), Some("工业投资"));
    let change = m.change.unwrap();
    assert_eq!(
        (change.phrase.as_str(), change.direction),
        ("增速", Direction::Unknown)
    );
    let m = figure(text, "3个百分点").1;
    assert_eq!(m.change.map(|c| c.direction), Some(Direction::Down));
    assert_eq!(m.indicator.as_deref(), Some("能耗"));
}

#[test]
fn years_and_dates_are_not_metrics() {
    assert!(quotes("2023年,12月5日,2024年11月,二〇二三年,1—10月,记者5日获悉").is_empty());
}

#[test]
fn clock_times_are_not_metrics() {
    assert!(quotes("中午11点半开饭,晚上8点关门,18:30集合,9时开始").is_empty());
}

#[test]
fn numbers_in_names_quotes_and_codes_are_not_metrics() {
    assert!(quotes("打造北庆里1926、南湖5号等街区").is_empty());
    assert!(quotes("建立“12580”企业直办平台,出台“河湾36条”政策").is_empty());
    assert!(quotes("刊登在第2版,举办第3届活动").is_empty());
    assert!(quotes("阅读《2035年远景规划》和《十项措施》").is_empty());
    assert!(quotes("拨打热线12345,或拨打66881234,地址在科创大道88号").is_empty());
    assert!(quotes("沿G107国道和5G基站").is_empty());
    assert!(quotes("一个项目、一名领导、一个专班").is_empty());
}

#[test]
fn quoted_speech_keeps_its_figures() {
    let text = "“今年我家的大棚收了两茬,纯收入有6万多元。”";
    assert_eq!(quotes(text), ["6万多元"]);
}

/// `(value, number, unit)` of the one figure quoted `quote`.
fn read(text: &str, quote: &str) -> (String, Option<f64>, Option<String>) {
    let m = figure(text, quote).1;
    (m.value, m.number, m.unit)
}

fn expect(value: &str, number: f64, unit: &str) -> (String, Option<f64>, Option<String>) {
    (value.to_owned(), Some(number), Some(unit.to_owned()))
}

#[test]
fn negative_values() {
    let text = "出口增速为负2.6%,利润同比增长-15.4%,气温降至－3℃,增速由正转负。";
    assert_eq!(read(text, "负2.6%"), expect("负2.6", -2.6, "%"));
    assert_eq!(read(text, "-15.4%"), expect("-15.4", -15.4, "%"));
    assert_eq!(read(text, "－3℃"), expect("－3", -3.0, "℃"));
    let change = figure(text, "负2.6%").1.change.unwrap();
    assert_eq!(
        (change.phrase.as_str(), change.figure.as_str()),
        ("增速", "负2.6%")
    );
    let m = figure("利润同比下降为负5.1%。", "负5.1%").1;
    assert_eq!(m.change.map(|c| c.figure).as_deref(), Some("负5.1%"));
    assert_eq!(quotes("负责人说,负债率高,G-15国道,3-5个"), ["3-5个"]);
}

#[test]
fn shares_of_a_whole_are_percentages() {
    let text = "七成居民满意,商品打八折,会员七五折,门票8.5折,千分之三的误差,五分之一的土地,三分之二以上,万分之五,超过两成。";
    assert_eq!(read(text, "七成"), expect("七成", 70.0, "%"));
    assert_eq!(read(text, "八折"), expect("八折", 80.0, "%"));
    assert_eq!(read(text, "七五折"), expect("七五折", 75.0, "%"));
    assert_eq!(read(text, "8.5折"), expect("8.5折", 85.0, "%"));
    assert_eq!(read(text, "千分之三"), expect("千分之三", 0.3, "%"));
    assert_eq!(read(text, "五分之一"), expect("五分之一", 20.0, "%"));
    assert_eq!(read(text, "万分之五"), expect("万分之五", 0.05, "%"));
    let (value, number, _) = read(text, "三分之二");
    assert_eq!(
        (value.as_str(), number.map(|n| (n * 100.0).round())),
        ("三分之二", Some(6667.0))
    );
    let (rule, m) = figure(text, "超过两成");
    assert_eq!(
        (rule, m.number, m.approx.as_deref()),
        ("metric.percent", Some(20.0), Some("超过"))
    );
    assert!(quotes("三五成群,一成不变,两成员,价格折合人民币,三折叠伞").is_empty());
}

#[test]
fn chinese_decimals() {
    let text = "增长三十二点五亿元,提高一点二个百分点,占比零点五%,八点开会。";
    assert_eq!(read(text, "三十二点五亿元").1, Some(3_250_000_000.0));
    assert_eq!(read(text, "三十二点五亿元").0, "三十二点五");
    assert_eq!(
        read(text, "一点二个百分点"),
        expect("一点二", 1.2, "个百分点")
    );
    assert_eq!(read(text, "零点五%"), expect("零点五", 0.5, "%"));
    assert_eq!(quotes(text).len(), 3, "八点 is a clock time");
}

#[test]
fn compound_amounts() {
    let text = "买了两斤半苹果,走了三米半,花了八元五角,又花3元2角5分,用时一个半小时,2.5万元人民币,3亿元人民币。";
    assert_eq!(read(text, "两斤半"), expect("两斤半", 2.5, "斤"));
    assert_eq!(read(text, "三米半"), expect("三米半", 3.5, "米"));
    assert_eq!(read(text, "八元五角"), expect("八元五角", 8.5, "元"));
    assert_eq!(read(text, "3元2角5分"), expect("3元2角5分", 3.25, "元"));
    assert_eq!(read(text, "一个半小时"), expect("一个半小时", 1.5, "小时"));
    let m = figure(text, "3亿元人民币").1;
    assert_eq!(
        value(&m),
        ("3", Some(300_000_000.0), Metric::YI, Some("元"))
    );
    assert_eq!(figure(text, "2.5万元人民币").1.number, Some(25_000.0));
}

#[test]
fn currencies_and_more_units() {
    let text = "售价20英镑,合3000日元,或150港币,1.5美分,50韩元,重3毫克,2克拉,5盎司,长3英里,10海里,8纳米,储存2TB,下载500GB,带宽100Mbps,容量2升,用水500毫升,10kg,5km,装机2兆瓦,5G基站。";
    let units: Vec<String> = figures(text).into_iter().filter_map(|f| f.3.unit).collect();
    assert_eq!(
        units,
        [
            "英镑", "日元", "港币", "美分", "韩元", "毫克", "克拉", "盎司", "英里", "海里", "纳米",
            "TB", "GB", "Mbps", "升", "毫升", "kg", "km", "兆瓦"
        ]
    );
    assert_eq!(figure(text, "20英镑").0, "metric.money");
    assert_eq!(figure(text, "500GB").0, "metric.measure");
}

#[test]
fn traditional_forms() {
    let text = "全年增長3.5億元,新增2萬個崗位,提高一點二個百分點,利潤下降為負2.6%,七成市民滿意,三十二點五萬噸。";
    let mut element = Element::from_text(text);
    element.simplify();
    let found: Vec<(String, Metric)> = find(&element)
        .metrics
        .into_iter()
        .map(|(span, _, metric)| (element.str(span).to_owned(), metric))
        .collect();
    let summary: Vec<(&str, &str, Option<f64>, Option<&str>)> = found
        .iter()
        .map(|(q, m)| (q.as_str(), m.value.as_str(), m.number, m.unit.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            ("3.5億元", "3.5", Some(350_000_000.0), Some("元")),
            ("2萬個", "2", Some(20_000.0), Some("个")),
            ("一點二個百分點", "一點二", Some(1.2), Some("个百分点")),
            ("負2.6%", "負2.6", Some(-2.6), Some("%")),
            ("七成", "七成", Some(70.0), Some("%")),
            ("三十二點五萬噸", "三十二點五", Some(325_000.0), Some("吨")),
        ]
    );
    assert_eq!(
        found[0].1.change.as_ref().map(|c| c.phrase.as_str()),
        Some("增长")
    );
}
