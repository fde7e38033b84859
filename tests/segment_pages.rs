//! `copydesk segment` on whole pages: the bundled samples, the real seed page, and the same
//! page in other encodings and line endings.

use crate::common::{self, assert_every_character_placed, copydesk, sample, seed};
use copydesk::bulletin::segment;
use copydesk::text::Source;
use serde_json::Value;

/// Runs `segment --json` on files and returns one parsed object per page.
fn segment_json(paths: &[&std::path::Path]) -> Vec<Value> {
    let mut args = vec!["segment", "--json"];
    let owned: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(owned.iter().map(String::as_str));
    common::json_lines(&args)
}

fn kinds(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["kind"].as_str().unwrap())
        .collect()
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// Every `text` in the JSON equals the page's characters at its range or parts.
fn assert_texts_match_ranges(page: &Value, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let at = |start: &Value, end: &Value| -> String {
        chars[start.as_u64().unwrap() as usize..end.as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    fn walk(value: &Value, check: &mut dyn FnMut(&Value)) {
        check(value);
        match value {
            Value::Array(values) => values.iter().for_each(|v| walk(v, check)),
            Value::Object(map) => map.values().for_each(|v| walk(v, check)),
            _ => {}
        }
    }
    let mut checked = 0;
    walk(page, &mut |value| {
        let Some(object) = value.as_object() else {
            return;
        };
        let Some(expected) = object.get("text").and_then(Value::as_str) else {
            return;
        };
        if let Some(parts) = object.get("parts").and_then(Value::as_array) {
            let joined: String = parts.iter().map(|part| at(&part[0], &part[1])).collect();
            assert_eq!(joined, expected);
        } else {
            assert_eq!(at(&object["start"], &object["end"]), expected);
        }
        checked += 1;
    });
    assert!(checked > 10, "checked {checked} texts");
}

#[test]
fn sample_a01_in_full() {
    let path = sample("a01-qinghe-daily.txt");
    let page = &segment_json(&[&path])[0];
    assert_eq!(page["format"], "copydesk-segment");
    assert_eq!(page["version"], 1);
    assert_eq!(page["encoding"], "UTF-8");
    assert_eq!(
        kinds(page),
        [
            "article", "article", "article", "photo", "article", "article", "photo", "article"
        ]
    );
    let items = page["items"].as_array().unwrap();

    let lead = &items[0];
    assert_eq!(lead["kicker"]["text"], "稳增长 抓项目 优服务 惠民生");
    assert_eq!(lead["headline"]["text"], "澄江区：项目建设跑出“加速度”");
    assert_eq!(lead["headline"]["level"], 1);
    assert_eq!(lead["byline"]["agency"], "本报讯");
    assert_eq!(strings(&lead["byline"]["reporters"]), ["林晓舟"]);
    assert_eq!(strings(&lead["byline"]["correspondents"]), ["苏念", "方可"]);
    let paragraphs = lead["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 4);
    assert!(
        paragraphs[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("初冬时节")
    );
    assert!(
        paragraphs[1]["text"]
            .as_str()
            .unwrap()
            .ends_with("进中向好的良好态势。")
    );
    assert_eq!(paragraphs[1]["parts"].as_array().unwrap().len(), 2);
    assert!(
        paragraphs[2]["text"]
            .as_str()
            .unwrap()
            .contains("老城南街等特色街区")
    );

    let fire = &items[2];
    assert_eq!(fire["byline"]["text"], "本报讯");
    assert_eq!(
        strings(&fire["trailing_byline"]["names"]),
        ["苏念", "方可", "罗一舟"]
    );
    let photo = &items[3];
    assert_eq!(photo["caption"].as_array().unwrap().len(), 2);
    assert_eq!(strings(&photo["credit"]["photographers"]), ["林晓舟"]);

    let canteen = &items[4];
    assert_eq!(
        canteen["subtitle"]["text"],
        "——“15分钟生活圈”让居民乐享便利"
    );
    assert_eq!(canteen["byline"]["text"], "本报记者 郑清如 通讯员 陶安");
    assert_eq!(canteen["byline"]["agency"], "本报");
    assert_eq!(strings(&canteen["byline"]["reporters"]), ["郑清如"]);
    assert_eq!(strings(&canteen["byline"]["correspondents"]), ["陶安"]);

    let wire = &items[5];
    assert_eq!(wire["byline"]["agency"], "新华社");
    assert_eq!(wire["byline"]["dateline"], "北京12月5日");
    assert_eq!(strings(&wire["byline"]["reporters"]), ["韩露"]);
    assert!(
        wire["paragraphs"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("记者5日从")
    );

    assert_eq!(strings(&items[6]["credit"]["photographers"]), ["苏念"]);
    assert_eq!(items[7]["headline"]["level"], 1);

    let text = std::fs::read_to_string(&path).unwrap();
    assert_texts_match_ranges(page, &text);
    assert_every_character_placed(&text, &segment(&text));
}

#[test]
fn sample_b02_masthead_own_line_bylines_and_credit() {
    let path = sample("b02-nanling-county.txt");
    let page = &segment_json(&[&path])[0];
    assert_eq!(
        kinds(page),
        ["other", "article", "article", "article", "photo", "article"]
    );
    let items = page["items"].as_array().unwrap();
    assert_eq!(items[0]["text"], "南岭县报　2026年11月20日　星期五　第2版");
    assert_eq!(items[1]["byline"]["text"], "□记者 程远山");
    assert_eq!(items[1]["byline"]["agency"], Value::Null);
    assert_eq!(strings(&items[2]["byline"]["reporters"]), ["夏明川"]);
    assert_eq!(strings(&items[2]["byline"]["others"]), ["欧阳晓雯"]);
    assert_eq!(items[3]["headline"]["level"], 3);
    assert_eq!(strings(&items[3]["trailing_byline"]["names"]), ["夏明川"]);
    assert_eq!(items[4]["credit"]["text"], "文/图 钟灵");
    assert_eq!(strings(&items[4]["credit"]["photographers"]), ["钟灵"]);
    assert_eq!(
        strings(&items[5]["byline"]["reporters"]),
        ["程远山", "夏明川"]
    );

    let text = std::fs::read_to_string(&path).unwrap();
    assert_texts_match_ranges(page, &text);
    assert_every_character_placed(&text, &segment(&text));
}

#[test]
fn seed_page_gives_twelve_items() {
    let Some(path) = seed() else {
        eprintln!("../shared/seeds is not beside this checkout; skipping");
        return;
    };
    let page = &segment_json(&[&path])[0];
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    let articles: Vec<&Value> = items.iter().filter(|i| i["kind"] == "article").collect();
    let photos = items.iter().filter(|i| i["kind"] == "photo").count();
    assert_eq!((articles.len(), photos), (9, 3));
    let levels: Vec<u64> = articles
        .iter()
        .map(|a| a["headline"]["level"].as_u64().unwrap())
        .collect();
    assert_eq!(levels, [1, 2, 2, 2, 2, 2, 2, 2, 1]);

    let bylines: Vec<(&str, Vec<&str>, Vec<&str>)> = articles
        .iter()
        .map(|a| {
            let b = &a["byline"];
            (
                b["agency"].as_str().unwrap(),
                strings(&b["reporters"]),
                strings(&b["correspondents"]),
            )
        })
        .collect();
    assert_eq!(
        bylines,
        [
            ("本报讯", vec!["王思俊"], vec!["刘博闻", "黄帅"]),
            ("本报讯", vec!["郭涛"], vec!["丁慧敏", "冯珏珺"]),
            ("本报讯", vec!["卢文军"], vec!["刘小瑞"]),
            ("本报讯", vec![], vec![]),
            ("本报讯", vec!["史治国"], vec!["付正华"]),
            ("本报讯", vec!["孙志刚"], vec![]),
            ("本报讯", vec!["杨丽萍"], vec!["郑丽红", "兰敏"]),
            ("本报讯", vec!["孙志刚"], vec!["程晓丹"]),
            ("本报讯", vec!["武建玲"], vec!["楚萌"]),
        ]
    );
    assert_eq!(
        strings(&articles[3]["trailing_byline"]["names"]),
        ["党贺喜", "王海荣", "高晓东"]
    );
    let credits: Vec<Vec<&str>> = items
        .iter()
        .filter(|i| i["kind"] == "photo")
        .map(|p| strings(&p["credit"]["photographers"]))
        .collect();
    assert_eq!(credits, [vec!["刘伟平"], vec!["王思俊"], vec!["刘超峰"]]);
    let rejoined = articles
        .iter()
        .flat_map(|a| a["paragraphs"].as_array().unwrap())
        .filter(|p| p["parts"].as_array().unwrap().len() == 2)
        .count();
    assert_eq!(rejoined, 8);

    let text = std::fs::read_to_string(&path).unwrap();
    assert_texts_match_ranges(page, &text);
    assert_every_character_placed(&text, &segment(&text));
}

/// All `text` values of a page's JSON, in order: what must survive a change of encoding.
fn all_texts(page: &Value) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Array(values) => values.iter().for_each(|v| walk(v, out)),
            Value::Object(map) => {
                if let Some(text) = map.get("text").and_then(Value::as_str) {
                    out.push(text.to_owned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&page["items"], &mut out);
    out
}

fn check_other_encodings(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("page.txt");
    std::fs::write(&utf8, text).unwrap();
    let gb = dir.path().join("page-gb18030.txt");
    std::fs::write(&gb, encoding_rs::GB18030.encode(text).0).unwrap();
    let utf16 = dir.path().join("page-utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).unwrap();
    let crlf = dir.path().join("page-crlf.txt");
    std::fs::write(&crlf, text.replace('\n', "\r\n")).unwrap();

    let pages = segment_json(&[&utf8, &gb, &utf16, &crlf]);
    let encodings: Vec<&str> = pages
        .iter()
        .map(|p| p["encoding"].as_str().unwrap())
        .collect();
    assert_eq!(encodings, ["UTF-8", "GB18030", "UTF-16LE", "UTF-8"]);
    // Same offsets when only the encoding changes; same texts even with CRLF.
    assert_eq!(pages[1]["items"], pages[0]["items"]);
    assert_eq!(pages[2]["items"], pages[0]["items"]);
    assert_eq!(kinds(&pages[3]), kinds(&pages[0]));
    assert_eq!(all_texts(&pages[3]), all_texts(&pages[0]));
    let crlf_text = text.replace('\n', "\r\n");
    assert_texts_match_ranges(&pages[3], &crlf_text);
}

#[test]
fn sample_in_other_encodings_and_line_endings() {
    let text = std::fs::read_to_string(sample("a01-qinghe-daily.txt")).unwrap();
    check_other_encodings(&text);
}

#[test]
fn seed_in_other_encodings_and_line_endings() {
    let Some(path) = seed() else { return };
    check_other_encodings(&std::fs::read_to_string(path).unwrap());
}

#[test]
fn lone_cr_line_endings() {
    let text = std::fs::read_to_string(sample("a01-qinghe-daily.txt")).unwrap();
    let cr = text.replace('\n', "\r");
    let source = Source::from_bytes(cr.as_bytes()).unwrap();
    let bulletin = segment(source.text());
    assert_eq!(bulletin.items.len(), 8);
    assert_every_character_placed(&cr, &bulletin);
}

#[test]
fn unreadable_pages_are_reported_after_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("photo.jpg");
    std::fs::write(
        &binary,
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0],
    )
    .unwrap();
    let good = sample("b02-nanling-county.txt");
    let output = copydesk(&[
        "segment",
        "--json",
        &empty.display().to_string(),
        &good.display().to_string(),
        &binary.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "the good page is still printed");
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "copydesk: {}: the file is empty; a page needs some text",
                empty.display()
            ),
            format!(
                "copydesk: {}: this looks like a binary file, not a text page (UTF-8, UTF-16, GB18030 or Big5)",
                binary.display()
            ),
        ]
    );
}

#[test]
fn readable_outline() {
    let path = sample("a01-qinghe-daily.txt");
    let output = copydesk(&["segment", path.to_str().unwrap()]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let first: Vec<&str> = stdout.lines().take(3).collect();
    assert_eq!(
        first,
        [
            &format!("{}  UTF-8  1505 characters  8 items", path.display()),
            "  1  kicker   稳增长 抓项目 优服务 惠民生",
            "     #        澄江区：项目建设跑出“加速度”",
        ]
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let output =
        common::copydesk_with_input(&["segment", "--json", "-"], "## 题\n\n本报讯 正文。\n");
    let page: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(page["file"], "-");
    assert_eq!(page["items"][0]["headline"]["text"], "题");
}

#[test]
fn output_that_cannot_be_written_is_an_error_not_a_success() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full here; skipping");
        return;
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["segment", "--json"])
        .arg(sample("a01-qinghe-daily.txt"))
        .stdin(std::process::Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("copydesk: cannot write the output: "),
        "{stderr}"
    );
}
