//! What a check finds: a [`Mark`] with its [`Check`], [`Severity`], range and fix.
//!
//! The list of checks is here, each with its stable id (used in `proof.ron`, on the command
//! line and in sidecars) and the one-line message naming the rule it enforces. Which checks
//! run and at what severity is data (`assets/proof.ron`): see [`super::settings`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::Span;

/// How serious a mark is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Worth a look; often nothing to change (a rejoined paragraph to confirm).
    Info,
    /// Probably a slip, or a house-style matter (full-width digits on an older page).
    Warning,
    /// Against the standard: to be corrected before print.
    Error,
}

impl Severity {
    /// Lower-case name, as on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    /// The severity named `name` (`error`, `warning`, `info`).
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Info, Self::Warning, Self::Error]
            .into_iter()
            .find(|severity| severity.name() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! checks {
    ($($variant:ident $id:literal $message:literal;)*) => {
        /// One proofreading check. Its id is stable: it is written in settings files,
        /// sidecars (ignored marks, corrections) and the command line.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Check {
            $(
                #[doc = $message]
                $variant,
            )*
        }

        impl Check {
            /// Every check, in the order of the README.
            pub const ALL: &[Self] = &[$(Self::$variant),*];

            /// The stable id: `punct.halfwidth`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$variant => $id,)*
                }
            }

            /// The one-line message, naming the rule.
            pub fn message(self) -> &'static str {
                match self {
                    $(Self::$variant => $message,)*
                }
            }
        }
    };
}

checks! {
    PunctHalfwidth "punct.halfwidth" "GB/T 15834 4.1: 中文语句中用全角标点";
    PunctQuotes "punct.quotes" "GB/T 15834 4.15: 中文引号用“”‘’，不用直引号";
    PunctCornerQuotes "punct.corner-quotes" "GB/T 15834 4.15: 本报引号用“”‘’（直角引号「」『』改为弯引号）";
    PairsUnbalanced "pairs.unbalanced" "GB/T 15834 4.15/4.16: 成对标号须配对，不得交叉嵌套";
    WidthAlnum "width.alnum" "GB/T 15835 4.1: 数字和拉丁字母用半角";
    PunctRepeated "punct.repeated" "GB/T 15834 5.1: 标点符号不连用（，，/。。）";
    PunctExclamations "punct.exclamations" "GB/T 15834 5.1.4: 问号、叹号连用不超过三个";
    PunctEllipsis "punct.ellipsis" "GB/T 15834 4.11: 省略号用六连点“……”";
    PunctEllipsisDeng "punct.ellipsis-deng" "GB/T 15834 4.11.3: 省略号后不用“等”";
    PunctDash "punct.dash" "GB/T 15834 4.9: 破折号用“——”";
    LinesDebris "lines.debris" "转栏残迹：行首为点号或后标号，或行末为前标号";
    LinesRejoined "lines.rejoined" "转栏：此段跨栏接排，请确认";
    NumberRangeHyphen "number.range-hyphen" "GB/T 15835 4.3: 数值范围用浪纹线“～”";
    NumberRangeUnit "number.range-unit" "GB/T 15835 4.3: 数值范围两端的“万”“亿”“%”不省略";
    NumberMixed "number.mixed" "GB/T 15835 4.2: 阿拉伯数字不与“十”“百”“千”连用";
    NumberApprox "number.approx" "GB/T 15835 5.1: 带“几”的概数用汉字数字";
    NumberYear "number.year" "GB/T 15835 4.4: 年份不简写";
    NumberZero "number.zero" "GB/T 15835 5.2: 汉字年份中的零写作“〇”";
    NumberDecimal "number.decimal" "GB/T 15835 4.1: 纯小数的整数位“0”不省略";
    NumberTime "number.time" "GB/T 15835 4.4: 时刻用半角冒号（15:40）";
    NumberTimesLess "number.times-less" "GB/T 15835: “降低/减少N倍”不合逻辑，改用百分数或“降低到几分之几”";
    NumberListMark "number.list-mark" "GB/T 15834 4.5.3: 阿拉伯数字序号后用下脚点（1.），不用顿号";
    WordsApproxDoubled "words.approx-doubled" "概数词重复：“约”与“左右”、“近”与“余”不同用";
    WordsApproxComma "words.approx-comma" "GB/T 15834 5.1.5: 相邻两数字连用表示概数时不用顿号";
    HeadlinePeriod "headline.period" "GB/T 15834 4.2: 标题末尾不用句号";
    SpaceBody "space.body" "正文中的汉字之间不留空格";
    BylineBrackets "byline.brackets" "署名括号全角半角须一致";
    BylinePaddedName "byline.padded-name" "署名中的人名不以空格撑宽";
    WordsRepeated "words.repeated" "字词重复：删去多余的字";
    ParagraphRepeated "paragraph.repeated" "段落重复：同一段在本版出现两次";
}

impl Check {
    /// The check with this id.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|check| check.id() == id)
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One thing a check found on a page.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Which check found it.
    pub check: Check,
    /// How serious it is (from the settings).
    pub severity: Severity,
    /// The characters marked, code points into the page.
    pub span: Span,
    /// What to put in their place, when the check knows (`Some("")` deletes).
    pub fix: Option<String>,
}

impl Mark {
    /// The one-line message, naming the rule.
    pub fn message(&self) -> &'static str {
        self.check.message()
    }
}
