//! The list of messages: one variant per message id, its fields the
//! message's arguments (named as in the `.ftl` files). A diagnostic's id is
//! also its stable `code` in `check --format json`.
//!
//! To add a message: add a variant here, then the id to `en.ftl` and
//! `zh-CN.ftl`; the tests in `i18n::tests` fail until both define it with
//! exactly these arguments.

use super::Arg;

macro_rules! messages {
    ($( $(#[doc = $doc:literal])* $variant:ident = $id:literal $({ $($field:ident : $ty:ty),* $(,)? })? ; )*) => {
        /// A message to show a person, not yet put into words: render it
        /// with [`Message::text`].
        #[derive(Debug, Clone, PartialEq)]
        pub enum Message {
            $( $(#[doc = $doc])* $variant $({ $(#[allow(missing_docs)] $field: $ty),* })?, )*
        }

        impl Message {
            /// The message's id in the catalogue; for a diagnostic, its code.
            pub fn id(&self) -> &'static str {
                match self {
                    $( Message::$variant { .. } => $id, )*
                }
            }

            /// The message's arguments, by name.
            pub(super) fn args(&self) -> Vec<(&'static str, Arg)> {
                match self {
                    $( Message::$variant $({ $($field),* })? => vec![
                        $($( (stringify!($field), Arg::from($field.clone())) ),*)?
                    ], )*
                }
            }
        }

        /// Every message id with the names of its arguments.
        pub const IDS: &[(&str, &[&str])] = &[
            $( ($id, &[$($(stringify!($field)),*)?]), )*
        ];
    };
}

impl Message {
    /// The message boxed, as another message's argument.
    pub fn boxed(self) -> Box<Message> {
        Box::new(self)
    }
}

messages! {
    // ---- How messages name things.
    /// A field's key, quoted: "`status`".
    NameKey = "name-key" { key: String };
    /// The record (or file) as a whole.
    NameRecord = "name-record";
    /// The Markdown body of a `.md` record.
    NameBody = "name-body";
    /// A name used as it is (a section of annals.yaml).
    Verbatim = "verbatim" { text: String };
    /// What a record kind or part is called: annals.yaml's sections use
    /// their own names, records these.
    NounPledge = "noun-pledge";
    /// See [`Message::NounPledge`].
    NounPledgeItem = "noun-pledge-item";
    /// See [`Message::NounPledge`].
    NounInspection = "noun-inspection";
    /// See [`Message::NounPledge`].
    NounFinding = "noun-finding";
    /// See [`Message::NounPledge`].
    NounHonour = "noun-honour";
    /// See [`Message::NounPledge`].
    NounAward = "noun-award";
    /// See [`Message::NounPledge`].
    NounPerson = "noun-person";
    /// See [`Message::NounPledge`].
    NounAppraisal = "noun-appraisal";
    /// See [`Message::NounPledge`].
    NounVotes = "noun-votes";
    /// See [`Message::NounPledge`].
    NounNarrative = "noun-narrative";
    /// See [`Message::NounPledge`].
    NounUnit = "noun-unit";
    /// See [`Message::NounPledge`].
    NounGrade = "noun-grade";
    /// See [`Message::NounPledge`].
    NounReport = "noun-report";
    /// One entry of a list that may not be empty.
    OneGrade = "one-grade";
    /// See [`Message::OneGrade`].
    OneItem = "one-item";
    /// See [`Message::OneGrade`].
    OneAward = "one-award";
    /// The kinds of YAML value, as found or expected.
    NounNothing = "noun-nothing";
    /// See [`Message::NounNothing`].
    NounTrueFalse = "noun-true-false";
    /// See [`Message::NounNothing`].
    NounTrueOrFalse = "noun-true-or-false";
    /// See [`Message::NounNothing`].
    NounWholeNumber = "noun-whole-number";
    /// See [`Message::NounNothing`].
    NounNumber = "noun-number";
    /// See [`Message::NounNothing`].
    NounText = "noun-text";
    /// See [`Message::NounNothing`].
    NounList = "noun-list";
    /// See [`Message::NounNothing`].
    NounListOfLines = "noun-list-of-lines";
    /// See [`Message::NounNothing`].
    NounMapping = "noun-mapping";
    /// See [`Message::NounNothing`].
    NounMappingWithFields = "noun-mapping-with-fields" { fields: Vec<String> };
    /// A whole record written as `key: value` lines.
    NounRecordLines = "noun-record-lines" { what: Box<Message>, fields: Vec<String> };
    /// See [`Message::NounNothing`].
    NounDate = "noun-date";
    /// What an enumerated value is called when it has the wrong type.
    NounStatus = "noun-status";
    /// See [`Message::NounStatus`].
    NounInspectionKind = "noun-inspection-kind";
    /// See [`Message::NounStatus`].
    NounSeverity = "noun-severity";
    /// See [`Message::NounStatus`].
    NounAppraisalKind = "noun-appraisal-kind";
    /// See [`Message::NounStatus`].
    NounSection = "noun-section";
    /// See [`Message::NounStatus`].
    NounLocale = "noun-locale";
    /// See [`Message::NounStatus`].
    NounTopic = "noun-topic";
    /// The kinds of a narrative's labels.
    NounKindLabels = "noun-kind-labels";
    /// Whose reporting year a date is compared with.
    WhosePledge = "whose-pledge";
    /// See [`Message::WhosePledge`].
    WhoseInspection = "whose-inspection";

    // ---- Diagnostics: each id is the diagnostic's code.
    /// A file that cannot be read.
    CannotRead = "cannot-read" { error: String };
    /// A record file over the size limit.
    FileTooLarge = "file-too-large" { mib: u64, max: u64 };
    /// A file in GBK rather than UTF-8.
    NotUtf8Gbk = "not-utf8-gbk";
    /// A file that is not UTF-8 text.
    NotUtf8 = "not-utf8";
    /// A raw control character (C0 but tab and line end, DEL, C1) in a
    /// record's YAML; `character` is its code point, as `U+001B`.
    ControlCharacter = "control-character" { character: String };
    /// units.yaml is missing.
    MissingUnitsFile = "missing-units-file";
    /// Two files give the same record id.
    DuplicateRecordId = "duplicate-record-id" { other: String, id: String };
    /// A Markdown record without the opening `---`.
    NoFrontMatter = "no-front-matter";
    /// A Markdown record whose front matter is not closed.
    UnclosedFrontMatter = "unclosed-front-matter";
    /// A narrative that is not a Markdown file.
    NarrativeNotMarkdown = "narrative-not-markdown";
    /// The YAML does not parse; `detail` is the parser's account.
    YamlSyntax = "yaml-syntax" { detail: String };
    /// A value of the wrong type.
    WrongType = "wrong-type" { name: Box<Message>, expected: Box<Message>, found: Box<Message> };
    /// A mapping with nothing in it.
    EmptyMapping = "empty-mapping" { name: Box<Message> };
    /// A key the record kind does not have.
    UnknownField = "unknown-field" { key: String, what: Box<Message> };
    /// A required key that is absent.
    MissingField = "missing-field" { key: String };
    /// A value that is empty.
    EmptyValue = "empty-value" { name: Box<Message> };
    /// A date not written as `YYYY-MM-DD`.
    InvalidDate = "invalid-date" { written: String };
    /// A well-written date that does not exist.
    NoSuchDay = "no-such-day" { written: String };
    /// Votes that are negative or not whole.
    NotACount = "not-a-count" { name: Box<Message> };
    /// A weight, deduction or score below zero.
    NotAnAmount = "not-an-amount" { name: Box<Message> };
    /// A year that is not four digits.
    NotAYear = "not-a-year" { value: String };
    /// Unknown enumerated values, one code per kind of value.
    UnknownStatus = "unknown-status" { word: String };
    /// See [`Message::UnknownStatus`].
    UnknownInspectionKind = "unknown-inspection-kind" { word: String };
    /// See [`Message::UnknownStatus`].
    UnknownSeverity = "unknown-severity" { word: String };
    /// See [`Message::UnknownStatus`].
    UnknownAppraisalKind = "unknown-appraisal-kind" { word: String };
    /// See [`Message::UnknownStatus`].
    UnknownSection = "unknown-section" { word: String };
    /// See [`Message::UnknownStatus`].
    UnknownLocale = "unknown-locale" { word: String };
    /// A list that must not be empty.
    EmptyList = "empty-list" { name: Box<Message>, what: Box<Message> };
    /// A value still holding the placeholder `annals new` left (a warning).
    Placeholder = "placeholder" { name: Box<Message>, text: String };
    /// A date outside the record's reporting year (a warning).
    OutsideYear = "outside-year" { key: String, date: String, whose: Box<Message>, year: i32 };
    /// The lowest grade does not start at 0.
    GradesWithoutFloor = "grades-without-floor";
    /// Grades not listed highest first.
    GradesOutOfOrder = "grades-out-of-order";
    /// A `done` date on an item not done (a warning).
    DoneDateUnfinished = "done-date-unfinished" { status: String };
    /// A `closed` date on an open finding (a warning).
    ClosedDateOpen = "closed-date-open";
    /// An award with neither `units` nor `people`.
    AwardWithoutRecipientFields = "award-without-recipient-fields";
    /// An award whose lists are both empty.
    AwardWithoutRecipients = "award-without-recipients";
    /// Two units with one id.
    DuplicateUnit = "duplicate-unit" { id: String };
    /// A reference to a unit the roster lacks.
    UnknownUnit = "unknown-unit" { id: String };
    /// A template that does not parse or render; `detail` is tera's account.
    TemplateError = "template-error" { detail: String };
    /// A user template that cannot be read.
    TemplateUnreadable = "template-unreadable" { error: String };
    /// A user template that is not UTF-8.
    TemplateNotUtf8 = "template-not-utf8";
    /// The template context cannot be made.
    TemplateContext = "template-context" { error: String };
    /// The workbook cannot be made.
    XlsxFailed = "xlsx-failed" { error: String };
    /// The Word document cannot be made.
    DocxFailed = "docx-failed" { error: String };
    /// A template named in annals.yaml that does not exist.
    TemplateMissing = "template-missing" { template: String, folder: String };
    /// A report name used twice.
    DuplicateReport = "duplicate-report" { name: String };
    /// The reporting period cannot be worked out.
    NoPeriod = "no-period";

    /// A name from the records that the path guard refuses; `what` says
    /// which name ([`Message::WhatUnitId`] …).
    UnsafeName = "unsafe-name" { what: Box<Message>, refused: Box<Message> };

    /// Weights that are all 0.
    WeightsAllZero = "weights-all-zero";
    /// Weights whose sum overflows.
    WeightsOverflow = "weights-overflow";
    /// A grade's `min` above 100.
    GradeAbove100 = "grade-above-100" { min: String };
    /// A unit written twice in one award.
    DuplicateUnitRecipient = "duplicate-unit-recipient" { id: String };
    /// A person written twice in one award.
    DuplicatePersonRecipient = "duplicate-person-recipient" { name: String };
    /// An appraisal's votes that overflow.
    VotesOverflow = "votes-overflow" { max: String };
    /// All appraisals' votes that overflow together.
    VotesSumOverflow = "votes-sum-overflow" { max: String };
    /// A sequence file's record id that another file has.
    DuplicateSequenceId = "duplicate-sequence-id" { other: String, id: String };
    /// Two file names that differ only in Unicode form.
    UnicodeFormsId = "unicode-forms-id" { other: String };

    /// Units whose parents go round in a circle.
    ParentCycle = "parent-cycle" { chain: String };
    /// `as_of` outside the reporting year (a warning).
    AsOfOutsideYear = "as-of-outside-year" { day: String, year: i32 };
    /// A record file with a capital extension, not read (a warning).
    CapitalExtension = "capital-extension" { lower: String, ext: String };

    /// A `max_share` on the lowest grade.
    MaxShareOnLowest = "max-share-on-lowest";
    /// `veto_grade` names no grade.
    UnknownVetoGrade = "unknown-veto-grade" { name: String };
    /// A `max_share` above 1.
    MaxShareAboveOne = "max-share-above-one" { value: String };
    /// An unknown figures topic of a narrative.
    UnknownTopic = "unknown-topic" { word: String };

    // ---- The path guard.
    /// A name refused, and why.
    UnsafePath = "unsafe-path" { name: String, reason: Box<Message> };
    /// See [`Message::UnsafePath`].
    ReasonEmpty = "reason-empty";
    /// See [`Message::UnsafePath`].
    ReasonSeparator = "reason-separator" { char: String };
    /// See [`Message::UnsafePath`].
    ReasonDotDot = "reason-dot-dot";
    /// See [`Message::UnsafePath`].
    ReasonLeadingDot = "reason-leading-dot";
    /// See [`Message::UnsafePath`].
    ReasonControl = "reason-control" { code: String };
    /// See [`Message::UnsafePath`].
    ReasonWindowsChar = "reason-windows-char" { char: String };
    /// See [`Message::UnsafePath`].
    ReasonWindowsDevice = "reason-windows-device" { device: String };
    /// See [`Message::UnsafePath`].
    ReasonTrailingDotOrSpace = "reason-trailing-dot-or-space";
    /// See [`Message::UnsafePath`].
    ReasonTooLong = "reason-too-long" { bytes: usize, max: usize };
    /// A path that a symbolic link leads out of its folder.
    PathOutside = "path-outside" { path: String, folder: String };
    /// Which name the guard refused.
    WhatUnitId = "what-unit-id";
    /// See [`Message::WhatUnitId`].
    WhatReportName = "what-report-name";
    /// See [`Message::WhatUnitId`].
    WhatTemplate = "what-template";
    /// See [`Message::WhatUnitId`].
    WhatRecordId = "what-record-id";
    /// A report whose path the guard refused.
    CannotWriteReport = "cannot-write-report" { reason: Box<Message> };
    /// A new record whose path the guard refused.
    CannotWriteRecord = "cannot-write-record" { reason: Box<Message> };

    // ---- Hints under diagnostics.
    /// "Did you mean …?" before another hint.
    HintDidYouMean = "hint-did-you-mean" { near: String, rest: Box<Message> };
    /// How to fill an empty mapping.
    HintFillMapping = "hint-fill-mapping" { what: Box<Message>, fields: Vec<String> };
    /// The fields a mapping may have.
    HintFields = "hint-fields" { what: Box<Message>, fields: Vec<String> };
    /// Where to add a missing field.
    HintAddField = "hint-add-field" { key: String };
    /// How to fill in a placeholder.
    HintFillPlaceholder = "hint-fill-placeholder";
    /// How to fill in a placeholder in a record's Markdown body.
    HintFillBody = "hint-fill-body";
    /// How to fill an empty value.
    HintWriteValue = "hint-write-value";
    /// How dates are written.
    HintDateFormat = "hint-date-format";
    /// How long the month is.
    HintMonthLength = "hint-month-length" { year: i32, month: String, days: u32 };
    /// The range of months.
    HintMonthRange = "hint-month-range";
    /// The value found.
    HintFound = "hint-found" { value: String };
    /// The values an enumeration accepts.
    HintOneOf = "hint-one-of" { keys: Vec<String>, labels: String };
    /// How to fix a date outside the year.
    HintCheckYear = "hint-check-year";
    /// How to write a year.
    HintYearDigits = "hint-year-digits";
    /// How to fix a `done` date.
    HintDoneDate = "hint-done-date";
    /// How to fix a `closed` date.
    HintClosedDate = "hint-closed-date";
    /// How to name an award's recipients.
    HintAwardRecipients = "hint-award-recipients";
    /// How to fix a duplicate unit id.
    HintDuplicateUnit = "hint-duplicate-unit" { line: usize };
    /// The closest unit id.
    HintDidYouMeanUnit = "hint-did-you-mean-unit" { near: String };
    /// Where units are listed.
    HintUnitsListed = "hint-units-listed";
    /// How to make units.yaml.
    HintCreateUnits = "hint-create-units";
    /// How to fix a duplicate record id.
    HintRenameOne = "hint-rename-one";
    /// How to re-save a GBK file.
    HintResaveGbk = "hint-resave-gbk";
    /// How to fix a file that is not text.
    HintResave = "hint-resave";
    /// How to remove a raw control character, or write it on purpose.
    HintControlCharacter = "hint-control-character";
    /// How to write front matter.
    HintFrontMatter = "hint-front-matter";
    /// How to close front matter.
    HintCloseFrontMatter = "hint-close-front-matter" { line: usize };
    /// How to split a large file.
    HintSplitFile = "hint-split-file";
    /// How to make a narrative.
    HintNarrativeMarkdown = "hint-narrative-markdown";
    /// A tab in YAML indentation.
    HintYamlTab = "hint-yaml-tab";
    /// Where the construct that failed began.
    HintYamlWithin = "hint-yaml-within" { what: String, line: usize, column: usize };
    /// A block tag left open.
    HintTemplateUnclosed = "hint-template-unclosed";
    /// How to rename a report.
    HintRenameReport = "hint-rename-report";
    /// What a safe name is made of.
    HintSafeName = "hint-safe-name";
    /// How to fix a record file with an unsafe name.
    HintRenameUnsafeFile = "hint-rename-unsafe-file" { hint: Box<Message> };
    /// How to fix weights that are all 0.
    HintWeightsAllZero = "hint-weights-all-zero";
    /// What weights are.
    HintWeightsShares = "hint-weights-shares";
    /// Where a grade's `min` lies.
    HintGradeMin = "hint-grade-min";
    /// How to fix a recipient written twice.
    HintDuplicateRecipient = "hint-duplicate-recipient";
    /// What votes are.
    HintVotesCount = "hint-votes-count";
    /// How a list file's records are named.
    HintSequenceId = "hint-sequence-id";
    /// How to fix two names in two Unicode forms.
    HintUnicodeForms = "hint-unicode-forms";
    /// How to break a circle of parents.
    HintParentCycle = "hint-parent-cycle";
    /// How to fix `as_of` or `year`.
    HintAsOfYear = "hint-as-of-year" { year: i32, other: i32 };
    /// How to fix a capital extension.
    HintCapitalExtension = "hint-capital-extension" { lower: String };
    /// How to fix a `max_share` on the lowest grade.
    HintMaxShareOnLowest = "hint-max-share-on-lowest";
    /// The grades `veto_grade` may name.
    HintGrades = "hint-grades" { names: Vec<String> };
    /// How a share is written.
    HintShare = "hint-share";
    /// A template component that calls itself.
    HintTemplateRecursion = "hint-template-recursion";
    /// How to fix a missing template.
    HintCreateTemplate = "hint-create-template" { path: String };

    // ---- How a diagnostic is laid out.
    /// The word before an error.
    LabelError = "label-error";
    /// The word before a warning.
    LabelWarning = "label-warning";
    /// The word before a hint.
    LabelHelp = "label-help";
    /// A diagnostic's first line.
    DiagnosticTitle = "diagnostic-title" { label: String, location: String, message: Box<Message> };
    /// A diagnostic's hint line.
    DiagnosticHelp = "diagnostic-help" { label: String, hint: Box<Message> };

    // ---- check's summary line.
    /// No problems at all.
    CheckClean = "check-clean" { files: usize };
    /// Errors and warnings counted.
    CheckSummary = "check-summary" { errors: usize, warnings: usize, files: usize };

    // ---- Errors before or around the records.
    /// The root is not a folder.
    NotAFolder = "not-a-folder" { path: String };
    /// The root has no annals.yaml.
    NoConfig = "no-config" { path: String };
    /// A kind folder cannot be listed.
    CannotList = "cannot-list" { folder: String, error: String };
    /// A folder cannot be created.
    CannotCreate = "cannot-create" { path: String, error: String };
    /// A file cannot be written.
    CannotWrite = "cannot-write" { path: String, error: String };
    /// `--out` names the records folder.
    OutIsRoot = "out-is-root" { path: String };
    /// `--out` names a folder among the records.
    OutAmongRecords = "out-among-records" { path: String, folder: String };
    /// An unknown `--report`.
    NoSuchReport = "no-such-report" { name: String, reports: Vec<String> };
    /// The title of an error printed on its own.
    ErrorLine = "error-line" { message: Box<Message> };

    // ---- init, new, hook, status and watch.
    /// `init` into a folder that has files.
    InitNotEmpty = "init-not-empty" { path: String };
    /// What to do after `init`.
    InitNext = "init-next" { dir: String };
    /// `new` of a kind that belongs to a unit, without `--unit`; `kind` is
    /// `new`'s word for it (pledge, inspection, appraisal).
    NewNeedsUnit = "new-needs-unit" { kind: String };
    /// `new --unit` with an unknown id close to a known one.
    NewUnknownUnitNear = "new-unknown-unit-near" { id: String, near: String };
    /// `new --unit` with an unknown id.
    NewUnknownUnit = "new-unknown-unit" { id: String };
    /// The records folder is not in a git repository.
    HookNotGit = "hook-not-git" { why: String };
    /// git could not be run at all.
    CannotRunGit = "cannot-run-git" { error: String };
    /// A pre-commit hook exists already.
    HookExists = "hook-exists" { path: String };
    /// `status` refused because of errors.
    StatusNeedsFixes = "status-needs-fixes";
    /// `--year` that gives no period.
    NoSuchYear = "no-such-year";
    /// `watch` cannot watch the folder.
    CannotWatch = "cannot-watch" { path: String, error: String };
    /// `watch` cannot catch Ctrl-C.
    CannotCatchCtrlC = "cannot-catch-ctrl-c" { error: String };
    /// `watch` has started.
    Watching = "watching" { path: String };
    /// A rebuild that wrote its reports.
    WatchBuilt = "watch-built" { time: String, files: usize, ms: u64 };
    /// A rebuild stopped by errors.
    WatchFailed = "watch-failed" { time: String, errors: usize };
    /// An error during a rebuild, with its time.
    WatchError = "watch-error" { time: String, message: Box<Message> };
    /// `watch` was stopped.
    WatchStopped = "watch-stopped";

    // ---- status.
    /// The first line of `status`.
    StatusTitle = "status-title" { date: String, year: i32 };
    /// The heading of the open rectifications.
    StatusOpen = "status-open" { count: usize, overdue: usize };
    /// The heading of the items falling due.
    StatusDueSoon = "status-due-soon" { days: i64, count: usize };
    /// The heading of the units' rates.
    StatusUnits = "status-units";
    /// An empty table.
    StatusNone = "status-none";
    /// A number of days in a table cell.
    StatusDays = "status-days" { days: i64 };
    /// Column headings of the status tables.
    ColumnUnit = "column-unit";
    /// See [`Message::ColumnUnit`].
    ColumnDue = "column-due";
    /// See [`Message::ColumnUnit`].
    ColumnOverdue = "column-overdue";
    /// See [`Message::ColumnUnit`].
    ColumnIssue = "column-issue";
    /// See [`Message::ColumnUnit`].
    ColumnLeft = "column-left";
    /// See [`Message::ColumnUnit`].
    ColumnItem = "column-item";
    /// See [`Message::ColumnUnit`].
    ColumnDone = "column-done";
    /// See [`Message::ColumnUnit`].
    ColumnFulfilment = "column-fulfilment";
    /// See [`Message::ColumnUnit`].
    ColumnOpen = "column-open";
    /// See [`Message::ColumnUnit`].
    ColumnRectified = "column-rectified";

    // ---- import.
    /// A field of an imported row, by its key.
    ImportField = "import-field" { field: String };
    /// Where a cell is: a sheet's row.
    ImportPlaceSheet = "import-place-sheet" { sheet: String, row: usize };
    /// Where a cell is: a CSV file's row.
    ImportPlaceRow = "import-place-row" { row: usize };
    /// A problem with one cell.
    ImportCell = "import-cell" { place: Box<Message>, column: String, header: String, message: Box<Message> };
    /// A required value missing from a row.
    ImportMissingValue = "import-missing-value" { field: Box<Message> };
    /// How to fix a missing value.
    HintImportMissingValue = "hint-import-missing-value" { field: Box<Message> };
    /// Rows of one record that disagree.
    ImportConflictingRows = "import-conflicting-rows" { first_row: usize, field: Box<Message> };
    /// How to fix rows that disagree.
    HintImportConflictingRows = "hint-import-conflicting-rows";
    /// A cell that is not a date.
    ImportNotADate = "import-not-a-date" { text: String };
    /// How dates may be written in a sheet.
    HintImportDate = "hint-import-date";
    /// A cell that is neither yes nor no (一票否决).
    ImportNotYesNo = "import-not-yes-no" { word: String };
    /// How to write yes or no.
    HintImportYesNo = "hint-import-yes-no";
    /// A short name several units share.
    ImportAmbiguousUnit = "import-ambiguous-unit" { word: String };
    /// How to name one of them.
    HintImportAmbiguousUnit = "hint-import-ambiguous-unit" { units: Vec<String> };
    /// Where units are listed, for a sheet.
    HintImportUnitsListed = "hint-import-units-listed";
    /// No header row found.
    ImportNoHeader = "import-no-header" { rows: usize };
    /// No header row found in a sheet.
    ImportNoHeaderInSheet = "import-no-header-in-sheet" { rows: usize, sheet: String };
    /// How to add a header row.
    HintImportHeader = "hint-import-header" { headers: Vec<String> };
    /// A required column missing.
    ImportMissingColumn = "import-missing-column" { place: Box<Message>, header: String, field: Box<Message> };
    /// A required column, near a header that is there.
    HintImportColumnNear = "hint-import-column-near" { near: String, rest: Box<Message> };
    /// The headers that name a column.
    HintImportColumnHeaders = "hint-import-column-headers" { headers: Vec<String> };
    /// Two columns that give one field.
    ImportDuplicateColumn = "import-duplicate-column" { place: Box<Message>, first: String, first_header: String, second: String, second_header: String, field: Box<Message> };
    /// How to fix two such columns.
    HintImportDuplicateColumn = "hint-import-duplicate-column";
    /// `--sheet` for a CSV file.
    ImportCsvHasNoSheets = "import-csv-has-no-sheets" { file: String };
    /// A file that cannot be read.
    ImportCannotRead = "import-cannot-read" { file: String, error: String };
    /// A file of another type.
    ImportWrongType = "import-wrong-type" { file: String };
    /// `--sheet` names no sheet.
    ImportNoSuchSheet = "import-no-such-sheet" { file: String, wanted: String, sheets: Vec<String> };
    /// `--sheet` names no sheet, but one is close.
    ImportNoSuchSheetNear = "import-no-such-sheet-near" { file: String, wanted: String, near: String, sheets: Vec<String> };
    /// A workbook without sheets.
    ImportNoSheets = "import-no-sheets" { file: String };
    /// A sheet that cannot be read.
    ImportCannotReadSheet = "import-cannot-read-sheet" { file: String, sheet: String, error: String };
    /// A CSV file in neither encoding.
    ImportNotText = "import-not-text" { file: String };
    /// A CSV row that does not parse.
    ImportBadCsvRow = "import-bad-csv-row" { file: String, row: usize, error: String };
    /// A CSV file with a BOM that is not UTF-8.
    ImportBadBom = "import-bad-bom" { file: String };
    /// `--dry-run` found no free name.
    ImportNoFreeName = "import-no-free-name";
    /// How a CSV file was decoded.
    ImportNoteEncoding = "import-note-encoding" { file: String, encoding: String };
    /// Columns left out.
    ImportNoteIgnored = "import-note-ignored" { columns: Vec<String> };
    /// A record `--dry-run` would write.
    ImportWouldWrite = "import-would-write" { path: String, rows: Vec<String> };
    /// A record written.
    ImportWrote = "import-wrote" { path: String, rows: Vec<String> };
    /// The last line of an import.
    ImportMade = "import-made" { rows: usize, records: usize };
    /// The last line of `--dry-run`.
    ImportWouldMake = "import-would-make" { rows: usize, records: usize };

    // ---- serve and schema.
    /// A file that cannot be read back.
    CannotReadPath = "cannot-read-path" { path: String, error: String };
    /// The server cannot start.
    ServeCannotStart = "serve-cannot-start" { error: String };
    /// The listener cannot be used.
    ServeCannotServe = "serve-cannot-serve" { error: String };
    /// The server stopped with an error.
    ServeStopped = "serve-stopped" { error: String };
    /// The heading of serve's index page.
    ServeReports = "serve-reports";
    /// The heading of the index's column of report names.
    ServeColumnReport = "serve-column-report";
    /// The heading of the index's column of formats.
    ServeColumnFormats = "serve-column-formats";
    /// When the last good build finished.
    ServeLastBuilt = "serve-last-built" { at: String };
    /// The index before the first build has finished.
    ServeBuilding = "serve-building";
    /// The index when the first build failed.
    ServeFirstBuildFailed = "serve-first-build-failed";
    /// The title of the page for a path that is not a report.
    ServeNotFound = "serve-not-found";
    /// What that page says, before the link to the index.
    ServeOnlyReports = "serve-only-reports";
    /// The link to the index on that page.
    ServeTheList = "serve-the-list";

    /// `schema` cannot write its files.
    SchemaCannotWrite = "schema-cannot-write" { dir: String, error: String };
    /// `serve` cannot listen on its port.
    CannotListen = "cannot-listen" { port: u16, error: String };
    /// `serve` has started.
    Serving = "serving" { url: String };
    /// No browser could be opened.
    BrowserFailed = "browser-failed" { error: String, url: String };

    // ---- build's lines.
    /// A file written.
    Wrote = "wrote" { path: String };
    /// A build stopped by errors.
    NothingWritten = "nothing-written";
    /// The rows of a record whose place the path guard refuses (a unit id
    /// of units.yaml such as `../x`), and what it said.
    ImportUnplaceable = "import-unplaceable" { rows: Vec<String>, error: Box<Message> };
}
