//! The fields of every mapping a record file may hold: the one table both the
//! decoder (which keys are allowed, in which order they are listed in
//! messages) and `annals schema` (the JSON Schemas editors read) are made
//! from, so that the two cannot disagree.

use crate::i18n::Message;
use crate::records::model::{
    AppraisalKind, Choice, FindingStatus, InspectionKind, Locale, PledgeStatus, Section, Severity,
    Topic,
};

/// What a field's value is, as the decoder reads it.
#[derive(Clone, Copy)]
pub enum Ty {
    /// Non-empty text (a number is taken as written).
    Text,
    /// Non-empty text in Markdown.
    Markdown,
    /// The id of a unit of units.yaml.
    Unit,
    /// A `YYYY-MM-DD` date.
    Date,
    /// A four-digit year.
    Year,
    /// A whole number of zero or more.
    Count,
    /// A number of zero or more.
    Amount,
    /// A number from zero to this bound: a score (at most 100) or a share
    /// of a whole (at most 1), whose decoder refuses anything above.
    AtMost(u32),
    /// A number that may be negative.
    Number,
    /// `true` or `false`.
    Flag,
    /// One of a fixed set: every (English key, Chinese label).
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    /// A list, possibly empty.
    List(&'static Ty),
    /// One value, or a list of them (`figures: honours`, `figures: [pledges, honours]`).
    OneOrList(&'static Ty),
    /// A list of at least one.
    NonEmptyList(&'static Ty),
    /// A mapping with fields of its own.
    Map(&'static Shape),
    /// A name, or a mapping with fields (a person: `黄琼华` or `{name, unit}`).
    TextOrMap(&'static Shape),
    /// A mapping of free keys, each to text (`kinds: {village: 村党支部}`).
    Labels,
}

/// One field of a mapping.
pub struct Field {
    /// The key.
    pub name: &'static str,
    /// Its value.
    pub ty: Ty,
    /// Whether a missing or empty value is an error.
    pub required: bool,
    /// What it is for, in English.
    pub en: &'static str,
    /// What it is for, in Chinese.
    pub zh: &'static str,
}

/// A requirement across fields that a single field cannot state.
pub enum Rule {
    /// At least one of these lists must be present and hold something.
    AnyOf(&'static [&'static str]),
    /// When `field` has the value (key, label) `is` gives, `then` is required.
    When {
        /// The field looked at.
        field: &'static str,
        /// The value that makes `then` required.
        is: fn() -> (&'static str, &'static str),
        /// The field then required.
        then: &'static str,
    },
}

/// The fields of one kind of mapping.
pub struct Shape {
    /// The mapping's English name, for tests and the schema ("a pledge item").
    pub what: &'static str,
    /// What messages call it, in the user's language.
    pub noun: fn() -> Message,
    /// Every allowed field, in the order messages list them.
    pub fields: &'static [Field],
    /// Requirements across fields.
    pub rules: &'static [Rule],
}

impl Shape {
    /// The allowed keys, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.name)
    }
}

/// Every value of a [`Choice`], as (key, label).
pub fn choices<C: Choice>() -> Vec<(&'static str, &'static str)> {
    C::ALL.iter().map(|c| (c.key(), c.zh())).collect()
}

const fn field(name: &'static str, ty: Ty, en: &'static str, zh: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        en,
        zh,
    }
}

const fn must(name: &'static str, ty: Ty, en: &'static str, zh: &'static str) -> Field {
    Field {
        required: true,
        ..field(name, ty, en, zh)
    }
}

const fn shape(what: &'static str, noun: fn() -> Message, fields: &'static [Field]) -> Shape {
    Shape {
        what,
        noun,
        fields,
        rules: &[],
    }
}

/// annals.yaml.
pub const CONFIG: Shape = shape(
    "annals.yaml",
    || Message::Verbatim {
        text: "annals.yaml".into(),
    },
    &[
        must(
            "organisation",
            Ty::Text,
            "The organisation, used in titles and the signature",
            "单位名称，用于标题和落款",
        ),
        must("year", Ty::Year, "The reporting year", "报告年度"),
        field(
            "locale",
            Ty::Choice(choices::<Locale>),
            "Language of the built-in templates (default zh-CN)",
            "内置模板的语言（默认 zh-CN）",
        ),
        field(
            "title",
            Ty::Text,
            "The summary's title (default: organisation + year + 年度工作总结)",
            "工作总结的标题，默认为单位名称+年度+年度工作总结",
        ),
        field(
            "signed",
            Ty::Date,
            "Date under the signature (default: as_of)",
            "落款日期，默认为 as_of",
        ),
        field(
            "as_of",
            Ty::Date,
            "The day the figures are taken (default: 31 December of year)",
            "统计截止日期，默认为当年12月31日",
        ),
        field(
            "evaluation",
            Ty::Map(&EVALUATION),
            "Scoring rules of the evaluation",
            "考核评价规则",
        ),
        field(
            "reports",
            Ty::List(&Ty::Map(&REPORT)),
            "Extra reports from your own templates",
            "用自己的模板生成的其他报告",
        ),
        field(
            "stamp",
            Ty::Flag,
            "Name the records' git commit in the reports",
            "在报告中注明记录的 git 提交",
        ),
        field(
            "docx",
            Ty::Map(&DOCX),
            "Fonts and sizes of the Word document",
            "Word 文档的字体和字号",
        ),
        field(
            "signature",
            Ty::Text,
            "The formal name signed under a report (default: organisation)",
            "报告落款的署名，默认为单位名称",
        ),
        field(
            "addressee",
            Ty::Text,
            "主送机关, printed flush left under the title",
            "主送机关，顶格印在标题下",
        ),
        field(
            "sealed",
            Ty::Flag,
            "Leave room for the seal over the signature",
            "落款处留出印章位置",
        ),
        field(
            "document",
            Ty::Map(&DOCUMENT),
            "The 版头 and 版记 of a formal document",
            "公文的版头和版记",
        ),
        field(
            "kinds",
            Ty::Labels,
            "Labels of unit kinds in the reports (village: 村党支部)",
            "单位类别在报告中的名称（village: 村党支部）",
        ),
    ],
);

/// `evaluation:` of annals.yaml.
pub const EVALUATION: Shape = shape(
    "evaluation",
    || Message::Verbatim {
        text: "evaluation".into(),
    },
    &[
        field(
            "weights",
            Ty::Map(&WEIGHTS),
            "Weight of each component",
            "各项得分的权重",
        ),
        field(
            "deductions",
            Ty::Map(&DEDUCTIONS),
            "Points deducted per finding still open",
            "每个未整改问题扣分",
        ),
        field(
            "bonus",
            Ty::Map(&BONUS),
            "Points added per honour",
            "每项表彰加分",
        ),
        field(
            "grades",
            Ty::NonEmptyList(&Ty::Map(&GRADE)),
            "Grades, highest first; the lowest has min 0",
            "等次，从高到低；最低等次 min 为 0",
        ),
        field(
            "veto_grade",
            Ty::Text,
            "The highest grade a unit with a veto finding can get (default: the lowest)",
            "有一票否决事项的单位最高可评等次（默认最低等次）",
        ),
    ],
);

/// `evaluation.weights:`.
pub const WEIGHTS: Shape = shape(
    "weights",
    || Message::Verbatim {
        text: "weights".into(),
    },
    &[
        field(
            "pledges",
            Ty::Amount,
            "Weight of pledge fulfilment (default 0.4)",
            "承诺兑现的权重（默认 0.4）",
        ),
        field(
            "inspections",
            Ty::Amount,
            "Weight of inspections (default 0.3)",
            "督查整改的权重（默认 0.3）",
        ),
        field(
            "appraisal",
            Ty::Amount,
            "Weight of public appraisal (default 0.3)",
            "群众评议的权重（默认 0.3）",
        ),
    ],
);

/// `evaluation.deductions:`.
pub const DEDUCTIONS: Shape = shape(
    "deductions",
    || Message::Verbatim {
        text: "deductions".into(),
    },
    &[
        field(
            "minor",
            Ty::Amount,
            "Per minor finding still open (default 5)",
            "每个一般问题（默认 5 分）",
        ),
        field(
            "major",
            Ty::Amount,
            "Per major finding still open (default 15)",
            "每个严重问题（默认 15 分）",
        ),
    ],
);

/// `evaluation.bonus:`.
pub const BONUS: Shape = shape(
    "bonus",
    || Message::Verbatim {
        text: "bonus".into(),
    },
    &[
        field(
            "unit",
            Ty::Amount,
            "Per honour awarded to the unit (default 3)",
            "单位每获一项表彰（默认 3 分）",
        ),
        field(
            "member",
            Ty::Amount,
            "Per honour awarded to a member (default 1)",
            "党员每获一项表彰（默认 1 分）",
        ),
        field(
            "max",
            Ty::Amount,
            "At most this bonus (default 5)",
            "加分上限（默认 5 分）",
        ),
    ],
);

/// One of `evaluation.grades:`.
pub const GRADE: Shape = shape(
    "a grade",
    || Message::NounGrade,
    &[
        must("name", Ty::Text, "The grade's name", "等次名称"),
        must(
            "min",
            Ty::AtMost(100),
            "The lowest score of the grade (inclusive)",
            "该等次的最低分（含）",
        ),
        field(
            "max_share",
            Ty::AtMost(1),
            "At most this share (0–1) of the rated units get the grade",
            "获得该等次的单位不超过参评单位的比例（0—1）",
        ),
    ],
);

/// One of `reports:`.
pub const REPORT: Shape = shape(
    "a report",
    || Message::NounReport,
    &[
        must(
            "name",
            Ty::Text,
            "The report's name: out/NAME.md",
            "报告名称：out/名称.md",
        ),
        must(
            "template",
            Ty::Text,
            "Its template in templates/",
            "templates/ 中的模板文件",
        ),
    ],
);

/// `docx:` of annals.yaml.
pub const DOCX: Shape = shape(
    "docx",
    || Message::Verbatim {
        text: "docx".into(),
    },
    &[
        field("body_font", Ty::Text, "Font of the body", "正文字体"),
        field("title_font", Ty::Text, "Font of the title", "标题字体"),
        field(
            "heading_font",
            Ty::Text,
            "Font of 一、 headings",
            "一级标题字体",
        ),
        field(
            "subheading_font",
            Ty::Text,
            "Font of （一） headings",
            "二级标题字体",
        ),
        field(
            "latin_font",
            Ty::Text,
            "Font of Latin letters and digits",
            "西文和数字字体",
        ),
        field(
            "body_size",
            Ty::Amount,
            "Size of the body, in points",
            "正文字号（磅）",
        ),
        field(
            "title_size",
            Ty::Amount,
            "Size of the title, in points",
            "标题字号（磅）",
        ),
    ],
);

/// `document:` of annals.yaml.
pub const DOCUMENT: Shape = shape(
    "document",
    || Message::Verbatim {
        text: "document".into(),
    },
    &[
        field(
            "issuer",
            Ty::Text,
            "发文机关标志, red above the red line",
            "发文机关标志，红色，居中于红线上方",
        ),
        field("number", Ty::Text, "发文字号, under the issuer", "发文字号"),
        field(
            "cc",
            Ty::List(&Ty::Text),
            "抄送机关 in the 版记",
            "版记中的抄送机关",
        ),
        field(
            "printed_by",
            Ty::Text,
            "印发机关 in the 版记",
            "版记中的印发机关",
        ),
    ],
);

/// units.yaml written as a mapping: the units and the labels of their kinds.
pub const ROSTER: Shape = shape(
    "units.yaml",
    || Message::Verbatim {
        text: "units.yaml".into(),
    },
    &[
        must(
            "units",
            Ty::List(&Ty::Map(&UNIT)),
            "The units, in roster order",
            "单位名册，按排列顺序",
        ),
        field(
            "kinds",
            Ty::Labels,
            "Labels of unit kinds in the reports (village: 村党支部); over those of annals.yaml",
            "单位类别在报告中的名称（village: 村党支部），优先于 annals.yaml 中的设置",
        ),
    ],
);

/// One unit of units.yaml.
pub const UNIT: Shape = shape(
    "a unit",
    || Message::NounUnit,
    &[
        must(
            "id",
            Ty::Text,
            "Unique id; how records refer to the unit",
            "唯一标识，记录用它指代单位",
        ),
        must(
            "name",
            Ty::Text,
            "Full name, used in tables",
            "全称，用于表格",
        ),
        field(
            "short",
            Ty::Text,
            "Short name for prose (default: name)",
            "简称，用于行文，默认为全称",
        ),
        field(
            "kind",
            Ty::Text,
            "A word for grouping (village, office …)",
            "分类（village、office 等）",
        ),
        field("parent", Ty::Unit, "Id of the unit above", "上级单位的标识"),
    ],
);

/// A pledge (公开承诺).
pub const PLEDGE: Shape = shape(
    "a pledge",
    || Message::NounPledge,
    &[
        must(
            "unit",
            Ty::Unit,
            "The unit (a member's pledge: the member's unit)",
            "承诺单位（党员承诺写其所在单位）",
        ),
        field(
            "person",
            Ty::Text,
            "The member, for a member's pledge",
            "党员姓名（党员个人承诺时填写）",
        ),
        field(
            "year",
            Ty::Year,
            "The year (default: the year of made)",
            "年度，默认为承诺日期所在年",
        ),
        must("made", Ty::Date, "The day the pledge was made", "承诺日期"),
        must(
            "items",
            Ty::NonEmptyList(&Ty::Map(&PLEDGE_ITEM)),
            "What was pledged",
            "承诺事项",
        ),
    ],
);

/// One item of a pledge.
pub const PLEDGE_ITEM: Shape = shape(
    "a pledge item",
    || Message::NounPledgeItem,
    &[
        must("text", Ty::Text, "What is pledged", "承诺内容"),
        field("due", Ty::Date, "When it is due", "承诺时限"),
        must(
            "status",
            Ty::Choice(choices::<PledgeStatus>),
            "Where it stands",
            "兑现情况",
        ),
        field("done", Ty::Date, "The day it was fulfilled", "兑现日期"),
    ],
);

/// An inspection (督办检查).
pub const INSPECTION: Shape = shape(
    "an inspection",
    || Message::NounInspection,
    &[
        must("date", Ty::Date, "The day of the inspection", "检查日期"),
        must("unit", Ty::Unit, "The unit inspected", "被检查单位"),
        field("team", Ty::Text, "Who inspected", "检查组"),
        field(
            "kind",
            Ty::Choice(choices::<InspectionKind>),
            "Kind of inspection (default routine)",
            "检查方式（默认定期督查）",
        ),
        field(
            "findings",
            Ty::List(&Ty::Map(&FINDING)),
            "Problems found",
            "发现的问题",
        ),
        field(
            "commendations",
            Ty::List(&Ty::Text),
            "What was praised",
            "表扬事项",
        ),
    ],
);

/// One finding of an inspection.
pub const FINDING: Shape = shape(
    "a finding",
    || Message::NounFinding,
    &[
        must("issue", Ty::Text, "The problem", "问题描述"),
        field(
            "severity",
            Ty::Choice(choices::<Severity>),
            "How serious (default minor)",
            "严重程度（默认一般）",
        ),
        field("action", Ty::Text, "The rectification required", "整改措施"),
        field("due", Ty::Date, "Rectification deadline", "整改时限"),
        must(
            "status",
            Ty::Choice(choices::<FindingStatus>),
            "Rectified or not",
            "整改状态",
        ),
        field(
            "closed",
            Ty::Date,
            "The day it was closed (销号)",
            "销号日期",
        ),
        field(
            "responsible",
            Ty::Text,
            "Who answers for the rectification",
            "整改责任人",
        ),
        field("result", Ty::Markdown, "What was actually done", "整改情况"),
        field(
            "veto",
            Ty::Flag,
            "A 一票否决 matter: caps the unit's grade",
            "一票否决事项",
        ),
    ],
);

/// An honours ceremony (表彰).
pub const HONOUR: Shape = shape(
    "an honour",
    || Message::NounHonour,
    &[
        must("date", Ty::Date, "The day of the ceremony", "表彰日期"),
        must("occasion", Ty::Text, "The occasion", "表彰场合"),
        field("by", Ty::Text, "Who awarded", "表彰单位"),
        must(
            "awards",
            Ty::NonEmptyList(&Ty::Map(&AWARD)),
            "The awards",
            "表彰项目",
        ),
    ],
);

/// One award of a ceremony.
pub const AWARD: Shape = Shape {
    what: "an award",
    noun: || Message::NounAward,
    fields: &[
        must(
            "category",
            Ty::Text,
            "The award (先进基层党组织 …)",
            "表彰类别",
        ),
        field(
            "units",
            Ty::List(&Ty::Unit),
            "Units honoured, by id",
            "受表彰单位（标识）",
        ),
        field(
            "people",
            Ty::List(&Ty::TextOrMap(&PERSON)),
            "People honoured: a name or {name, unit}",
            "受表彰个人：姓名或 {name, unit}",
        ),
    ],
    rules: &[Rule::AnyOf(&["units", "people"])],
};

/// A person honoured, written as a mapping.
pub const PERSON: Shape = shape(
    "a person",
    || Message::NounPerson,
    &[
        must("name", Ty::Text, "The person's name", "姓名"),
        field("unit", Ty::Unit, "The person's unit", "所在单位"),
    ],
);

/// An appraisal (群众评议 / 领导点评).
pub const APPRAISAL: Shape = Shape {
    what: "an appraisal",
    noun: || Message::NounAppraisal,
    fields: &[
        must("date", Ty::Date, "The day of the appraisal", "评议日期"),
        must("unit", Ty::Unit, "The unit appraised", "被评议单位"),
        must(
            "kind",
            Ty::Choice(choices::<AppraisalKind>),
            "Public vote or leadership comment",
            "群众评议或领导点评",
        ),
        field(
            "votes",
            Ty::Map(&VOTES),
            "The votes (required for public)",
            "票数（群众评议必填）",
        ),
        field(
            "comment",
            Ty::Markdown,
            "The comment (required for leadership)",
            "点评意见（领导点评必填）",
        ),
    ],
    rules: &[
        Rule::When {
            field: "kind",
            is: || (AppraisalKind::Public.key(), AppraisalKind::Public.zh()),
            then: "votes",
        },
        Rule::When {
            field: "kind",
            is: || {
                (
                    AppraisalKind::Leadership.key(),
                    AppraisalKind::Leadership.zh(),
                )
            },
            then: "comment",
        },
    ],
};

/// The votes of a public appraisal.
pub const VOTES: Shape = shape(
    "votes",
    || Message::NounVotes,
    &[
        must("satisfied", Ty::Count, "满意 votes", "满意票数"),
        must("basic", Ty::Count, "基本满意 votes", "基本满意票数"),
        must("unsatisfied", Ty::Count, "不满意 votes", "不满意票数"),
    ],
);

/// The front matter of a narrative section.
pub const NARRATIVE: Shape = shape(
    "a narrative",
    || Message::NounNarrative,
    &[
        must(
            "section",
            Ty::Choice(choices::<Section>),
            "Where in the summary it goes",
            "在工作总结中的位置",
        ),
        must("title", Ty::Text, "The section's title", "标题"),
        field(
            "order",
            Ty::Number,
            "Order among its section (default 0; ties by file name)",
            "排序（默认 0，相同时按文件名）",
        ),
        field(
            "year",
            Ty::Year,
            "Left out of other years' summaries",
            "年度；其他年度的总结不收录",
        ),
        field(
            "figures",
            Ty::OneOrList(&Ty::Choice(choices::<Topic>)),
            "Figure sentences woven into the text: pledges, inspections, honours, appraisals",
            "织入正文的数字句：公开承诺、督办检查、表彰、评议",
        ),
    ],
);

#[cfg(test)]
mod tests {
    //! The table says what decode requires: a document with only the
    //! required fields decodes without an error, and leaving out any one of
    //! them, at any depth, is a missing field.

    use super::*;
    use crate::diagnostic::Severity as Level;
    use crate::records::decode::{self, Origin, Reader};
    use crate::records::yaml::{Node, Step, YamlPath};

    fn example(ty: &Ty) -> Node<'_> {
        match ty {
            Ty::Text | Ty::Markdown | Ty::Unit | Ty::TextOrMap(_) => Node::Str("x".into()),
            Ty::Labels => Node::Map(Vec::new()),
            Ty::Date => Node::Str("2024-05-10".into()),
            Ty::Year => Node::Int(2024),
            Ty::Count | Ty::Amount | Ty::AtMost(_) | Ty::Number => Node::Int(1),
            Ty::Flag => Node::Bool(false),
            Ty::Choice(values) => Node::Str(values()[0].0.into()),
            Ty::List(_) | Ty::OneOrList(_) => Node::Seq(Vec::new()),
            Ty::NonEmptyList(item) => Node::Seq(vec![example(item)]),
            Ty::Map(shape) => minimal(shape, None),
        }
    }

    /// The fields a document of `shape` needs: the required ones, the first
    /// of an `AnyOf`, and the `then` of a `When` the examples trigger.
    fn needed(shape: &Shape) -> Vec<&Field> {
        let mut names: Vec<&str> = shape.names().collect();
        names.retain(|n| {
            let field = shape.fields.iter().find(|f| f.name == *n);
            field.is_some_and(|f| f.required)
                || shape.rules.iter().any(|rule| match rule {
                    Rule::AnyOf(any) => any.first() == Some(n),
                    Rule::When { field, is, then } => {
                        let first = shape.fields.iter().find(|f| f.name == *field);
                        let chosen = first.map(|f| example(&f.ty));
                        *then == *n && chosen == Some(Node::Str(is().0.into()))
                    }
                })
        });
        shape
            .fields
            .iter()
            .filter(|f| names.contains(&f.name))
            .collect()
    }

    /// The smallest document of `shape`, without the field `dropped`.
    fn minimal<'s>(shape: &'s Shape, dropped: Option<&str>) -> Node<'s> {
        let entries = needed(shape)
            .into_iter()
            .filter(|f| Some(f.name) != dropped)
            .map(|f| {
                let value = match f.ty {
                    // A list named by a rule stands for what is in it.
                    Ty::List(item) if !f.required => Node::Seq(vec![example(item)]),
                    _ => example(&f.ty),
                };
                (f.name.into(), value)
            })
            .collect();
        Node::Map(entries)
    }

    /// Every document that lacks exactly one required field, with its name.
    fn lacking(shape: &Shape) -> Vec<(&'static str, Node<'_>)> {
        let mut out = Vec::new();
        for field in needed(shape).into_iter().filter(|f| f.required) {
            out.push((field.name, minimal(shape, Some(field.name))));
            let inner = match field.ty {
                Ty::Map(inner) => Some((inner, false)),
                Ty::NonEmptyList(Ty::Map(inner)) => Some((*inner, true)),
                _ => None,
            };
            for (name, nested) in inner.map(|(s, _)| lacking(s)).unwrap_or_default() {
                let listed = inner.is_some_and(|(_, listed)| listed);
                let value = if listed {
                    Node::Seq(vec![nested])
                } else {
                    nested
                };
                let Node::Map(mut entries) = minimal(shape, None) else {
                    continue;
                };
                for entry in entries.iter_mut().filter(|(k, _)| k == field.name) {
                    entry.1 = value.clone();
                }
                out.push((name, Node::Map(entries)));
            }
        }
        out
    }

    fn decode(shape: &Shape, node: &Node) -> Reader {
        let mut r = Reader::new(0);
        let origin = Origin {
            id: "x".into(),
            file: "x.yaml",
            body: "",
        };
        let root = YamlPath::root();
        // Only the problems matter here, not what was read.
        let _read = match shape.what {
            "annals.yaml" => decode::config(&mut r, node).is_some(),
            "units.yaml" => !decode::roster(&mut r, node).units.is_empty(),
            "a unit" => !decode::units(&mut r, &Node::Seq(vec![node.clone()])).is_empty(),
            "a pledge" => decode::pledge(&mut r, node, &root, &origin).is_some(),
            "an inspection" => decode::inspection(&mut r, node, &root, &origin).is_some(),
            "an honour" => decode::honour(&mut r, node, &root, &origin).is_some(),
            "an appraisal" => decode::appraisal(&mut r, node, &root, &origin).is_some(),
            _ => decode::narrative(&mut r, node, &origin).is_some(),
        };
        r
    }

    const FILES: [&Shape; 8] = [
        &CONFIG,
        &ROSTER,
        &UNIT,
        &PLEDGE,
        &INSPECTION,
        &HONOUR,
        &APPRAISAL,
        &NARRATIVE,
    ];

    #[test]
    fn a_document_of_the_required_fields_decodes_cleanly() {
        for shape in FILES {
            let r = decode(shape, &minimal(shape, None));
            let errors: Vec<_> = r
                .problems
                .iter()
                .filter(|p| p.severity == Level::Error)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", shape.what);
        }
    }

    #[test]
    fn each_required_field_left_out_is_a_missing_field() {
        let mut seen = 0;
        for shape in FILES {
            for (name, node) in lacking(shape) {
                seen += 1;
                let r = decode(shape, &node);
                let reported = r.problems.iter().any(|p| {
                    p.message.id() == "missing-field"
                        && matches!(p.path.steps().last(), Some(Step::Key(k)) if k == name)
                });
                assert!(reported, "{} without {name}: {:?}", shape.what, r.problems);
            }
        }
        assert!(seen >= 20, "{seen}");
    }
}
