//! The typed records: what the rest of annals works with once the files have
//! been read and checked.
//!
//! Every record keeps its id and the file it came from; a value that refers to
//! another record (a unit id) keeps its [`Site`] so that a wrong reference can
//! be reported at the right line after all files are read.

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::suggest;
use crate::i18n::{Lang, Message};
use crate::records::yaml::YamlPath;

/// A value that must be one of a fixed set, written either as its English key
/// or its Chinese label (SPEC §2).
pub trait Choice: Sized + Copy + 'static {
    /// What the value is called in messages ("a status", "a severity" …).
    fn noun() -> Message;
    /// The diagnostic for a word that is none of the values.
    fn unknown(word: &str) -> Message;
    /// Every value, in the order the SPEC lists them.
    const ALL: &'static [Self];
    /// The English key (`in-progress`).
    fn key(self) -> &'static str;
    /// The Chinese label (`推进中`).
    fn zh(self) -> &'static str;
    /// The English label for English reports (`in progress`).
    fn en(self) -> &'static str;

    /// Reads a key or a label.
    fn from_word(word: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.key() == word || c.zh() == word)
    }

    /// The hint for a word that is none of the values: the closest key or
    /// label when one is near, then every key and label. Shared by `check`
    /// and `import`, so both suggest the same fix.
    fn expected(word: &str) -> Message {
        let keys: Vec<&str> = Self::ALL.iter().map(|c| c.key()).collect();
        let labels: Vec<&str> = Self::ALL.iter().map(|c| c.zh()).collect();
        let one_of = Message::HintOneOf {
            keys: keys.iter().map(|k| (*k).to_owned()).collect(),
            labels: labels.join("、"),
        };
        match suggest::closest(word, keys.iter().chain(&labels).copied()) {
            Some(near) => Message::HintDidYouMean {
                near: near.to_owned(),
                rest: one_of.boxed(),
            },
            None => one_of,
        }
    }
}

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident, $noun:ident, $unknown:ident {
        $($(#[$vmeta:meta])* $variant:ident = $key:literal, $zh:literal, $en:literal;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl Choice for $name {
            fn noun() -> Message {
                Message::$noun
            }
            fn unknown(word: &str) -> Message {
                Message::$unknown { word: word.to_owned() }
            }
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }
            fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh,)+ }
            }
            fn en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
    };
}

choice!(
    /// Where a pledge item stands.
    PledgeStatus, NounStatus, UnknownStatus {
        /// Not started.
        Planned = "planned", "计划中", "planned";
        /// Under way.
        InProgress = "in-progress", "推进中", "in progress";
        /// Fulfilled.
        Done = "done", "已完成", "done";
        /// Partly fulfilled: counts half.
        Partial = "partial", "部分完成", "partly done";
        /// Not fulfilled.
        Missed = "missed", "未完成", "missed";
        /// Withdrawn: left out of every count.
        Dropped = "dropped", "已撤销", "dropped";
    }
);

choice!(
    /// How an inspection was held.
    InspectionKind, NounInspectionKind, UnknownInspectionKind {
        /// A scheduled round.
        Routine = "routine", "定期督查", "routine";
        /// A round on one subject.
        Special = "special", "专项督查", "special";
        /// An unannounced visit.
        Unannounced = "unannounced", "明察暗访", "unannounced";
    }
);

choice!(
    /// How serious a finding is; decides its deduction.
    Severity, NounSeverity, UnknownSeverity {
        /// An ordinary finding.
        Minor = "minor", "一般", "minor";
        /// A serious finding.
        Major = "major", "严重", "major";
    }
);

choice!(
    /// Whether a finding has been rectified.
    FindingStatus, NounStatus, UnknownStatus {
        /// Not yet rectified.
        Open = "open", "未整改", "open";
        /// Rectified and signed off (销号).
        Closed = "closed", "已整改", "closed";
    }
);

choice!(
    /// Who appraised a unit.
    AppraisalKind, NounAppraisalKind, UnknownAppraisalKind {
        /// 群众评议: votes of the public.
        Public = "public", "群众评议", "public appraisal";
        /// 领导点评: a comment by the leadership.
        Leadership = "leadership", "领导点评", "leadership comment";
    }
);

choice!(
    /// Which part of the summary a narrative belongs to.
    Section, NounSection, UnknownSection {
        /// 主要做法.
        Practices = "practices", "主要做法", "practices";
        /// 存在问题.
        Problems = "problems", "存在问题", "problems";
        /// 下一步打算.
        Plans = "plans", "下一步打算", "plans";
    }
);

choice!(
    /// The language of the built-in templates (zh-CN unless configured).
    #[derive(Default)]
    Locale, NounLocale, UnknownLocale {
        /// Chinese (simplified).
        #[default]
        ZhCn = "zh-CN", "中文", "Chinese";
        /// English.
        En = "en", "英文", "English";
    }
);

choice!(
    /// A kind of record whose figure sentence a narrative can ask for.
    Topic, NounTopic, UnknownTopic {
        /// The pledge sentence.
        Pledges = "pledges", "公开承诺", "pledges";
        /// The inspection sentence.
        Inspections = "inspections", "督办检查", "inspections";
        /// The honours sentence.
        Honours = "honours", "表彰", "honours";
        /// The appraisal sentence.
        Appraisals = "appraisals", "评议", "appraisals";
    }
);

impl Locale {
    /// The language of messages for a folder of this locale.
    pub fn lang(self) -> Lang {
        match self {
            Locale::ZhCn => Lang::ZhCn,
            Locale::En => Lang::En,
        }
    }
}

/// Which file a value came from, and where in its YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Index of the file in the loaded set.
    pub file: usize,
    /// Path of the value inside the file's YAML.
    pub path: YamlPath,
}

/// A reference to a unit by id, remembered with its place for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    /// The unit id as written; the references to one unit share it (see
    /// [`Records::share_unit_ids`]).
    pub id: std::sync::Arc<str>,
    /// Where it was written.
    pub site: Site,
}

/// The years that can be reporting years: written with four digits.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// One day, `YYYY-MM-DD`.
pub type Date = NaiveDate;

/// The year, month and day of a date written `YYYY-MM-DD` (four, two and
/// two digits), whether or not that day exists: records and template
/// values write dates so, and reading them needs no general date parser.
pub fn date_parts(text: &str) -> Option<(i32, u32, u32)> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&bytes[..4])?).ok()?;
    Some((year, number(&bytes[5..7])?, number(&bytes[8..])?))
}

/// A record's identity: its id inside its kind folder and its file, kept
/// in one string (a folder of 100 000 records makes one allocation fewer
/// a record). Ordered by id, then file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordId {
    /// The id, then the file.
    joined: String,
    /// Where the file begins in `joined`.
    split: usize,
}

impl RecordId {
    /// The identity of the record `id` of `file`.
    pub fn new(id: &str, file: &str) -> RecordId {
        let mut joined = String::with_capacity(id.len() + file.len());
        joined.push_str(id);
        joined.push_str(file);
        RecordId {
            joined,
            split: id.len(),
        }
    }

    /// `2024/leifan`, or `2024/members#3` for the third record of a sequence.
    pub fn id(&self) -> &str {
        &self.joined[..self.split]
    }

    /// The file, relative to the root (`pledges/2024/leifan.md`).
    pub fn file(&self) -> &str {
        &self.joined[self.split..]
    }
}

impl Ord for RecordId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.id(), self.file()).cmp(&(other.id(), other.file()))
    }
}

impl PartialOrd for RecordId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// annals.yaml.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Who the reports are by; in titles and the signature.
    pub organisation: String,
    /// The reporting year.
    pub year: i32,
    /// Language of the built-in templates.
    pub locale: Locale,
    /// The locale as written in annals.yaml: it chooses the language of
    /// messages; a folder that states none leaves it to the environment.
    pub stated_locale: Option<Locale>,
    /// The summary's title, if not the default.
    pub title: Option<String>,
    /// The date under the signature, if not `as_of`.
    pub signed: Option<Date>,
    /// The day figures are taken, if not 31 December of `year`.
    pub as_of: Option<Date>,
    /// The scoring rules.
    pub evaluation: Evaluation,
    /// Extra reports from the user's templates.
    pub reports: Vec<ReportSpec>,
    /// Name the records' git commit in the reports.
    pub stamp: bool,
    /// Fonts and sizes of the Word documents.
    pub docx: DocxStyle,
    /// Labels of unit kinds for the reports (`village` → 村党支部), over the
    /// built-in ones, in written order.
    pub kinds: Vec<(String, String)>,
    /// The formal name signed under a report (署名), if not `organisation`.
    pub signature: Option<String>,
    /// 主送机关: to whom the summary and the evaluation are addressed.
    pub addressee: Option<String>,
    /// The signature block leaves room for the seal (GB/T 9704 §7.3.5.1).
    pub sealed: bool,
    /// The 公文 furniture around summary and evaluation (版头, 版记), if any;
    /// boxed because most folders have none and a config is moved around whole.
    pub document: Option<Box<DocumentFurniture>>,
}

/// The furniture of a formal 公文 (GB/T 9704 §7.2, §7.4): the red 版头 above
/// the title and the 版记 at the foot of the last page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DocumentFurniture {
    /// 发文机关标志, printed red and centred above the red line.
    pub issuer: Option<String>,
    /// 发文字号 (`木党发〔2024〕12号`), under the issuer.
    pub number: Option<String>,
    /// 抄送机关, in the 版记.
    pub cc: Vec<String>,
    /// 印发机关, in the 版记 (the 印发日期 is `signed`).
    pub printed_by: Option<String>,
}

/// The scoring rules of SPEC §6.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Weight of the pledge component.
    pub weight_pledges: f64,
    /// Weight of the inspection component.
    pub weight_inspections: f64,
    /// Weight of the appraisal component.
    pub weight_appraisal: f64,
    /// Points off per minor finding still open.
    pub deduction_minor: f64,
    /// Points off per major finding still open.
    pub deduction_major: f64,
    /// Bonus per honour to the unit.
    pub bonus_unit: f64,
    /// Bonus per honour to one of its members.
    pub bonus_member: f64,
    /// Cap on the bonus.
    pub bonus_max: f64,
    /// Grades, highest first.
    pub grades: Vec<Grade>,
    /// The highest grade a unit with a veto finding can get; `None` is the
    /// lowest grade.
    pub veto_grade: Option<String>,
}

impl Evaluation {
    /// The default rules with the grade names of `locale` (SPEC §1): 优秀 …
    /// under zh-CN, Excellent … under en.
    pub fn for_locale(locale: Locale) -> Self {
        let names = match locale {
            Locale::ZhCn => ["优秀", "良好", "一般", "较差"],
            Locale::En => ["Excellent", "Good", "Fair", "Poor"],
        };
        Evaluation {
            grades: names
                .into_iter()
                .zip([90.0, 80.0, 60.0, 0.0])
                .map(|(name, min)| Grade {
                    name: name.to_owned(),
                    min,
                    max_share: None,
                })
                .collect(),
            ..Evaluation::default()
        }
    }

    /// The index in `grades` of the highest grade a vetoed unit can get.
    pub fn veto_index(&self) -> usize {
        self.veto_grade
            .as_ref()
            .and_then(|name| self.grades.iter().position(|g| &g.name == name))
            .unwrap_or(self.grades.len().saturating_sub(1))
    }
}

impl Default for Evaluation {
    fn default() -> Self {
        Evaluation {
            veto_grade: None,
            weight_pledges: 0.4,
            weight_inspections: 0.3,
            weight_appraisal: 0.3,
            deduction_minor: 5.0,
            deduction_major: 15.0,
            bonus_unit: 3.0,
            bonus_member: 1.0,
            bonus_max: 5.0,
            grades: [
                ("优秀", 90.0),
                ("良好", 80.0),
                ("一般", 60.0),
                ("较差", 0.0),
            ]
            .into_iter()
            .map(|(name, min)| Grade {
                name: name.to_owned(),
                min,
                max_share: None,
            })
            .collect(),
        }
    }
}

/// One grade: a name and the lowest score (inclusive) that earns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    /// 优秀, 良好 …
    pub name: String,
    /// Lowest score that earns the grade.
    pub min: f64,
    /// At most this share (0–1) of the rated units may get the grade.
    pub max_share: Option<f64>,
}

/// An extra report rendered from a user template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSpec {
    /// Output file name without extension.
    pub name: String,
    /// Template file name under `<root>/templates/`.
    pub template: String,
    /// Where it was declared.
    pub site: Site,
}

/// A unit of the roster (units.yaml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// How records refer to the unit.
    pub id: String,
    /// Full name, for tables.
    pub name: String,
    /// Short name, for prose (defaults to `name`).
    pub short: Option<String>,
    /// Free word for grouping.
    pub kind: Option<String>,
    /// Id of another unit.
    pub parent: Option<UnitRef>,
    /// Where the id was written.
    pub site: Site,
}

impl Unit {
    /// The name reports use in tables and lists: the short name, or the
    /// full name when there is none.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// A public pledge (公开承诺) of a unit or a member.
#[derive(Debug, Clone, PartialEq)]
pub struct Pledge {
    /// Id and file.
    pub id: RecordId,
    /// The unit the pledge belongs to.
    pub unit: UnitRef,
    /// The member who made it; absent for the unit's own pledge.
    pub person: Option<String>,
    /// The year it counts for (default: the year of `made`).
    pub year: i32,
    /// When it was made.
    pub made: Date,
    /// What was pledged.
    pub items: Vec<PledgeItem>,
    /// The Markdown body of a `.md` record.
    pub body: String,
}

/// One promise of a pledge.
#[derive(Debug, Clone, PartialEq)]
pub struct PledgeItem {
    /// What was promised.
    pub text: String,
    /// By when.
    pub due: Option<Date>,
    /// Where it stands.
    pub status: PledgeStatus,
    /// When it was fulfilled.
    pub done: Option<Date>,
}

/// An inspection (督办检查) of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// Id and file.
    pub id: RecordId,
    /// When it was held.
    pub date: Date,
    /// The unit inspected.
    pub unit: UnitRef,
    /// Who inspected.
    pub team: Option<String>,
    /// How it was held.
    pub kind: InspectionKind,
    /// The problems found.
    pub findings: Vec<Finding>,
    /// What was praised.
    pub commendations: Vec<String>,
    /// The Markdown body of a `.md` record.
    pub body: String,
}

/// A problem found by an inspection, and its rectification.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What was found.
    pub issue: String,
    /// How serious.
    pub severity: Severity,
    /// The rectification required.
    pub action: Option<String>,
    /// Rectification deadline.
    pub due: Option<Date>,
    /// Rectified or not.
    pub status: FindingStatus,
    /// When it was closed (销号).
    pub closed: Option<Date>,
    /// Who answers for the rectification (责任人).
    pub responsible: Option<String>,
    /// What was actually done (整改情况), Markdown inline.
    pub result: Option<String>,
    /// A 一票否决 matter: caps the unit's grade at `veto_grade` (SPEC §6).
    pub veto: bool,
}

/// An honours ceremony (表彰).
#[derive(Debug, Clone, PartialEq)]
pub struct Honour {
    /// Id and file.
    pub id: RecordId,
    /// When.
    pub date: Date,
    /// The occasion.
    pub occasion: String,
    /// Who awarded.
    pub by: Option<String>,
    /// The awards, in written order.
    pub awards: Vec<Award>,
    /// The Markdown body of a `.md` record.
    pub body: String,
}

/// One award category and its recipients, in written order.
#[derive(Debug, Clone, PartialEq)]
pub struct Award {
    /// 先进基层党组织, 优秀共产党员 …
    pub category: String,
    /// Units honoured.
    pub units: Vec<UnitRef>,
    /// People honoured.
    pub people: Vec<Person>,
}

/// A person honoured, with their unit when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The person's name.
    pub name: String,
    /// Their unit.
    pub unit: Option<UnitRef>,
}

/// An appraisal (群众评议 or 领导点评) of a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Appraisal {
    /// Id and file.
    pub id: RecordId,
    /// When.
    pub date: Date,
    /// The unit appraised.
    pub unit: UnitRef,
    /// Public votes or a leadership comment.
    pub kind: AppraisalKind,
    /// The votes (public appraisals).
    pub votes: Option<Votes>,
    /// The comment, Markdown (leadership appraisals).
    pub comment: Option<String>,
    /// The Markdown body of a `.md` record.
    pub body: String,
}

/// The votes of a public appraisal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Votes {
    /// 满意.
    pub satisfied: u64,
    /// 基本满意.
    pub basic: u64,
    /// 不满意.
    pub unsatisfied: u64,
}

impl Votes {
    /// All votes cast; `None` when they add up to more than a `u64` holds
    /// (an error at check time, so never a wrapped number in a report).
    pub fn total(&self) -> Option<u64> {
        self.satisfied
            .checked_add(self.basic)?
            .checked_add(self.unsatisfied)
    }

    /// The votes of both together; `None` when a count or the total would
    /// overflow.
    pub fn checked_add(&self, other: &Votes) -> Option<Votes> {
        let sum = Votes {
            satisfied: self.satisfied.checked_add(other.satisfied)?,
            basic: self.basic.checked_add(other.basic)?,
            unsatisfied: self.unsatisfied.checked_add(other.unsatisfied)?,
        };
        sum.total().map(|_| sum)
    }
}

/// A section of prose for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrative {
    /// Id and file.
    pub id: RecordId,
    /// Which part of the summary.
    pub section: Section,
    /// Its heading.
    pub title: String,
    /// Position within the section (ties by file name).
    pub order: f64,
    /// The year it belongs to; absent means every year.
    pub year: Option<i32>,
    /// The figure sentences woven into it (`figures: honours`), in written order.
    pub figures: Vec<Topic>,
    /// Its Markdown.
    pub body: String,
}

/// Everything read from a records folder.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Records {
    /// annals.yaml, when it could be read.
    pub config: Option<Config>,
    /// units.yaml, in roster order.
    pub units: Vec<Unit>,
    /// Labels of unit kinds from units.yaml's `kinds:`; per kind, they win
    /// over those of annals.yaml.
    pub kinds: Vec<(String, String)>,
    /// Pledges, by date then id.
    pub pledges: Vec<Pledge>,
    /// Inspections, by date then id.
    pub inspections: Vec<Inspection>,
    /// Honours, by date then id.
    pub honours: Vec<Honour>,
    /// Appraisals, by date then id.
    pub appraisals: Vec<Appraisal>,
    /// Narratives, by section, order, then file name.
    pub narratives: Vec<Narrative>,
}

impl Records {
    /// Has every reference to one unit hold the same copy of its id: a
    /// folder of 100 000 records refers to its 25 000 units 125 000 times,
    /// and each file is read on its own.
    pub fn share_unit_ids(&mut self) {
        let mut ids: std::collections::HashSet<std::sync::Arc<str>> = Default::default();
        self.for_each_unit_ref(|r| match ids.get(&*r.id) {
            Some(id) => r.id = id.clone(),
            None => {
                ids.insert(r.id.clone());
            }
        });
    }

    /// Lets go of where in its file each unit and each reference to a unit
    /// was written, which only diagnostics read: a build that has placed
    /// every problem of the records needs them no more, and a folder of
    /// 100 000 records holds some 6 MB of them.
    pub fn forget_places(&mut self) {
        for unit in &mut self.units {
            unit.site.path = YamlPath::root();
        }
        self.for_each_unit_ref(|r| r.site.path = YamlPath::root());
    }

    /// Every reference to a unit: the records', the awards', the people's
    /// and the roster's parents.
    fn for_each_unit_ref(&mut self, mut each: impl FnMut(&mut UnitRef)) {
        self.pledges.iter_mut().for_each(|p| each(&mut p.unit));
        self.inspections.iter_mut().for_each(|i| each(&mut i.unit));
        self.appraisals.iter_mut().for_each(|a| each(&mut a.unit));
        for award in self.honours.iter_mut().flat_map(|h| &mut h.awards) {
            award.units.iter_mut().for_each(&mut each);
            let people = award.people.iter_mut();
            people.filter_map(|p| p.unit.as_mut()).for_each(&mut each);
        }
        let parents = self.units.iter_mut().filter_map(|u| u.parent.as_mut());
        parents.for_each(each);
    }
}

/// What units.yaml holds: the roster, and the labels of unit kinds when
/// the file is written as a mapping of `units:` and `kinds:`, so that the
/// labels can live beside the units they name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    /// The units, in the order written.
    pub units: Vec<Unit>,
    /// `kinds:` (`village` → 村党支部), in written order; empty when none.
    pub kinds: Vec<(String, String)>,
}

/// The fonts and sizes of the Word documents that the `docx:` settings of
/// annals.yaml state, and only those: what they leave out, the docx
/// writer's 公文 defaults (GB/T 9704, `formats::docx::Style`) fill in when
/// render builds the writer's style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocxStyle {
    /// East Asian font of body text.
    pub body_font: Option<String>,
    /// Font of the `# ` title.
    pub title_font: Option<String>,
    /// Font of `## ` headings (the 一、 level).
    pub heading_font: Option<String>,
    /// Font of `### ` headings (the （一） level).
    pub subheading_font: Option<String>,
    /// Font of Latin text (ascii/hAnsi).
    pub latin_font: Option<String>,
    /// Body size in points.
    pub body_size: Option<f64>,
    /// Title size in points.
    pub title_size: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::date_parts;

    #[test]
    fn a_date_is_four_two_and_two_ascii_digits() {
        assert_eq!(date_parts("2024-02-30"), Some((2024, 2, 30)));
        assert_eq!(date_parts("0999-12-01"), Some((999, 12, 1)));
        for written in [
            "2024-2-05",
            "2024/02/05",
            "２０２４-02-05",
            "+024-02-05",
            "2024-02-051",
            "",
        ] {
            assert_eq!(date_parts(written), None, "{written}");
        }
    }
}
