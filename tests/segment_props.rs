//! Property tests: arbitrary input never panics, and every character lands in exactly one
//! element.

use crate::common::assert_every_character_placed;
use copydesk::bulletin::segment;
use copydesk::text::Source;
use proptest::prelude::*;

/// Lines built from the pieces real pages are made of, so that the structure code is exercised
/// and not just the "other" path.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(String::new()),
        "[#]{1,4} ?[甲乙丙丁]{0,6}",
        "本报讯[ ]?[(（]?(记者|通讯员|实习生|特约记者)? ?[甲乙丙丁]{0,3} ?[)）]?[甲乙。,]{0,6}",
        "新华社北京[0-9]{1,2}月[0-9]{1,2}日电[(]记者 [甲乙]{2}[)][丙丁。]{0,4}",
        "(本报记者|□记者|新华社记者)? ?[甲乙丙]{2,3} ?(摄|通讯员 丁戊)?",
        "[(（][甲乙丙 ]{0,8}[)）]",
        "(文/图|图/文) [甲乙]{2}",
        "图为[甲乙丙丁，。]{0,8}( 本报记者 [甲乙]{2} 摄)?",
        "——[甲乙]{0,5}",
        "[甲乙丙丁 　,，。！？“”、:;《》0-9😀𠀋\t]{0,30}",
        "\\PC{0,20}",
    ]
}

fn page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(page_line(), 0..40),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(lines, ending)| lines.join(ending))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_character_is_placed_once(text in page()) {
        let bulletin = segment(&text);
        assert_every_character_placed(&text, &bulletin);
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC*") {
        let bulletin = segment(&text);
        assert_every_character_placed(&text, &bulletin);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(source) = Source::from_bytes(&bytes) {
            let bulletin = segment(source.text());
            assert_every_character_placed(source.text(), &bulletin);
        }
    }
}
