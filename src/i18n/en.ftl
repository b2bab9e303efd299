# English messages of annals. Every id here is also in zh-CN.ftl; ids of
# diagnostics are their stable codes in `check --format json`.

## How messages name things.
name-key = `{ $key }`
name-record = the record
name-body = the Markdown body
verbatim = { $text }
noun-pledge = a pledge
noun-pledge-item = a pledge item
noun-inspection = an inspection
noun-finding = a finding
noun-honour = an honour
noun-award = an award
noun-person = a person
noun-appraisal = an appraisal
noun-votes = votes
noun-narrative = a narrative
noun-unit = a unit
noun-grade = a grade
noun-report = a report
one-grade = grade
one-item = item
one-award = award
noun-nothing = nothing
noun-true-false = true/false
noun-true-or-false = true or false
noun-whole-number = a whole number
noun-number = a number
noun-text = text
noun-list = a list
noun-list-of-lines = a list (lines starting with `- `)
noun-mapping = a mapping
noun-mapping-with-fields = a mapping with the fields { $fields }
noun-record-lines = { $what }, written as `key: value` lines ({ $fields })
noun-date = a date written as YYYY-MM-DD
noun-status = a status
noun-inspection-kind = an inspection kind
noun-severity = a severity
noun-appraisal-kind = an appraisal kind
noun-section = a section
noun-locale = a locale
noun-topic = a figures topic
noun-kind-labels = a mapping of kind: label lines
whose-pledge = the pledge's
whose-inspection = the inspection's

## Diagnostics.
cannot-read = cannot read the file: { $error }
file-too-large = the file is { $mib } MiB; a record file may be at most { $max } MiB
not-utf8-gbk = the file is not UTF-8: it looks GBK-encoded (as saved by Chinese Windows)
not-utf8 = the file is not UTF-8 text
control-character = the file holds the control character { $character }, which a record cannot contain
missing-units-file = the roster units.yaml is missing
duplicate-record-id = this file and { $other } both give the record id `{ $id }`
no-front-matter = a Markdown record must start with a line `---`
unclosed-front-matter = the front matter opened here has no closing `---` line
narrative-not-markdown = a narrative must be a Markdown (.md) file
yaml-syntax = YAML syntax error: { $detail }
wrong-type = { $name } should be { $expected }, not { $found }
empty-mapping = { $name } is empty
unknown-field = unknown field `{ $key }` in { $what }
missing-field = missing required field `{ $key }`
placeholder = { $name } still holds the placeholder `{ $text }` left by `annals new`
empty-value = { $name } is empty
invalid-date = invalid date "{ $written }"
no-such-day = invalid date "{ $written }": there is no such day
not-a-count = { $name } must be a whole number of zero or more
not-an-amount = { $name } must be a number of zero or more
not-a-year = `{ $value }` is not a year
unknown-status = unknown status "{ $word }"
unknown-inspection-kind = unknown inspection kind "{ $word }"
unknown-severity = unknown severity "{ $word }"
unknown-appraisal-kind = unknown appraisal kind "{ $word }"
unknown-section = unknown section "{ $word }"
unknown-locale = unknown locale "{ $word }"
empty-list = { $name } is empty; at least one { $what } is needed
outside-year = the { $key } date { $date } lies outside { $whose } year { $year }
grades-without-floor = the lowest grade must have `min: 0`, so that every score gets a grade
grades-out-of-order = grades must be listed highest first, each `min` below the one before
done-date-unfinished = a `done` date on an item whose status is { $status }
closed-date-open = a `closed` date on a finding whose status is open
award-without-recipient-fields = an award needs `units`, `people` or both
award-without-recipients = an award needs at least one recipient
duplicate-unit = the unit id `{ $id }` is used twice
unknown-unit = unknown unit `{ $id }`
template-error = template error: { $detail }
template-unreadable = cannot read the template: { $error }
template-not-utf8 = the template is not UTF-8 text; re-save it as UTF-8
template-context = cannot build the template context: { $error }
xlsx-failed = cannot make the workbook: { $error }
docx-failed = cannot make the Word document: { $error }
template-missing = the template `{ $template }` is not in { $folder }/
duplicate-report = there is already a report named `{ $name }`
no-period = the reporting period cannot be worked out from `year`
unsafe-name = the { $what } { $refused }
weights-all-zero = every weight is 0, so no unit can be scored
weights-overflow = the weights add up to more than annals can count
grade-above-100 = a score is at most 100, so no unit can get a grade with `min: { $min }`
duplicate-unit-recipient = the unit `{ $id }` is written twice in this award
duplicate-person-recipient = the person `{ $name }` is written twice in this award
votes-overflow = the votes add up to more than { $max }, more than annals can count
votes-sum-overflow = with these votes, the votes of all appraisals add up to more than { $max }, more than annals can count
duplicate-sequence-id = a record of this file and one of { $other } both have the id `{ $id }`
unicode-forms-id = this file's name and that of { $other } are the same text in two Unicode forms (NFC and NFD), so they give one record id
parent-cycle = the units' parents go round in a circle: { $chain }
as-of-outside-year = the figures are taken on { $day }, outside the reporting year { $year }
capital-extension = this file is not read: record files end in `.{ $lower }`, not `.{ $ext }`
max-share-on-lowest = the lowest grade may not have a `max_share`: a unit that falls from the grade above needs a grade to fall to
unknown-veto-grade = unknown grade "{ $name }" for `veto_grade`
max-share-above-one = `max_share: { $value }` is more than the whole
unknown-topic = unknown figures topic "{ $word }"

## The path guard.
unsafe-path = `{ $name }` cannot be part of a file name: { $reason }
reason-empty = it is empty
reason-separator = it contains `{ $char }`, which separates folders
reason-dot-dot = it contains `..`, which leads out of a folder
reason-leading-dot = it begins with `.`, which hides a file
reason-control = it contains the invisible or control character { $code }
reason-windows-char = it contains `{ $char }`, which Windows cannot store in a name
reason-windows-device = Windows reserves the name `{ $device }` for a device
reason-trailing-dot-or-space = it ends with `.` or a space, which Windows drops
reason-too-long = it is { $bytes } bytes long; a name may be at most { $max }
path-outside = { $path } would lie outside { $folder } (a symbolic link leads elsewhere)
what-unit-id = unit id
what-report-name = report name
what-template = template
what-record-id = record id
cannot-write-report = cannot write a report: { $reason }
cannot-write-record = cannot write the new record: { $reason }

## Hints under diagnostics.
hint-did-you-mean = did you mean `{ $near }`? { $rest }
hint-fill-mapping = { $what } needs `key: value` lines for its fields: { $fields }
hint-fields = { $what } has the fields: { $fields }
hint-add-field = add a line `{ $key }: …` here
hint-fill-placeholder = write the real value, or remove the line if the field is optional
hint-fill-body = replace this line with the text the report should print
hint-write-value = write a value after the colon, or remove the line
hint-date-format = write dates as YYYY-MM-DD, for example 2024-05-10
hint-month-length = { $year }-{ $month } has { $days } days
hint-month-range = the month must be 01–12
hint-found = found { $value }
hint-one-of = expected one of { $keys } (或 { $labels })
hint-check-year = check the year, or move the record to the year it belongs to
hint-year-digits = write the year with four digits, for example 2024
hint-done-date = set `status: done`, or remove the `done` date
hint-closed-date = set `status: closed`, or remove the `closed` date
hint-award-recipients = list the unit ids under `units:` or the names under `people:`
hint-duplicate-unit = unit { $line } of the roster has this id already; give each unit its own id
hint-did-you-mean-unit = did you mean unit `{ $near }`? Units are listed in units.yaml
hint-units-listed = units are listed in units.yaml; add the unit there or correct the id
hint-create-units = create units.yaml with a list of `- id: … name: …` units
hint-rename-one = rename one of the two files
hint-resave-gbk = re-save it as UTF-8 (in Notepad: File › Save As › Encoding: UTF-8)
hint-resave = re-save it as UTF-8, or move it out of the records folder
hint-control-character = delete it (most editors do not show it); to mean it, write it escaped in double quotes, as "\x01"
hint-front-matter = put the record's fields between two `---` lines at the top, then the text
hint-close-front-matter = add a line `---` after the last field (the file ends at line { $line })
hint-split-file = split it into several files: one record a file is the usual way
hint-narrative-markdown = rename it to .md and put `section` and `title` between `---` lines
hint-yaml-tab = YAML indents with spaces; this line has a tab
hint-yaml-within = { $what } that begins at line { $line }, column { $column }
hint-template-unclosed = an `{ "{% if %}" }`, `{ "{% for %}" }` or `{ "{% block %}" }` is not closed
hint-rename-report = give the report another name; to change a built-in report, put a template of the same name in templates/
hint-safe-name = use letters, digits, Chinese characters, `-` and `_`; no `/`, `\`, `..`, leading `.`, control characters or names Windows cannot store (CON, a:b, a trailing dot)
hint-rename-unsafe-file = rename the file: { $hint }
hint-weights-all-zero = give at least one of pledges, inspections and appraisal a weight above 0
hint-weights-shares = weights are shares: 0.4, 0.3 and 0.3, or 4, 3 and 3
hint-grade-min = write `min` between 0 and 100
hint-duplicate-recipient = remove the second entry; an award honours each recipient once
hint-votes-count = check the numbers: each is a count of people
hint-sequence-id = rename the file: the n-th record of a list file has the id of the file followed by `#n`
hint-unicode-forms = rename one of the two files by typing its name again; macOS keeps them as one file
hint-parent-cycle = one unit of the circle must have no `parent`, or a parent outside it
hint-as-of-year = set `as_of` to a day of { $year }, or `year` to { $other }
hint-capital-extension = rename it to end in `.{ $lower }` to make it a record, or move it out of the kind folder
hint-max-share-on-lowest = remove `max_share` from the last grade
hint-grades = expected one of the grades: { $names }
hint-share = write the share as a fraction from 0 to 1, for example 0.3 for 30%
hint-template-recursion = a component calls itself without end: give the call a condition that stops it
hint-create-template = create { $path } or correct the name

## How a diagnostic is laid out.
label-error = error
label-warning = warning
label-help = help
diagnostic-title = { $label }: { $location }: { $message }
diagnostic-help = { $label }: { $hint }

## check's summary line.
check-clean = no problems in { $files ->
    [one] 1 file
   *[other] { $files } files
}
check-summary = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}

## Errors before or around the records.
not-a-folder = { $path } is not a folder
no-config = { $path } has no annals.yaml, so it is not a records folder (create one with `annals init DIR`)
cannot-list = cannot list { $folder }/: { $error }
cannot-create = cannot create { $path }: { $error }
cannot-write = cannot write { $path }: { $error }
out-is-root = the output folder { $path } is the records folder itself; use --out with a folder of its own (default: out/)
out-among-records = the output folder { $path } is inside { $folder }, where reports would mix with records; use --out with a folder of its own (default: out/)
no-such-report = there is no report `{ $name }`; the reports are: { $reports }
error-line = error: { $message }

## init, new, hook, status and watch.
init-not-empty = { $path } is not empty; annals init only writes into a new or empty folder
init-next = next: edit { $dir }/annals.yaml and { $dir }/units.yaml, then run `annals --root { $dir } build`
new-needs-unit = a new { $kind } belongs to a unit: name it with --unit ID
new-unknown-unit-near = unknown unit `{ $id }`; did you mean `{ $near }`?
new-unknown-unit = unknown unit `{ $id }`; the units are listed in units.yaml
hook-not-git = the records folder is not in a git repository ({ $why })
cannot-run-git = cannot run git ({ $error }); is git installed and on the PATH?
hook-exists = { $path } exists already and is left alone; add `annals check` to it by hand
status-needs-fixes = fix the errors above to see the status
no-such-year = no such year
cannot-watch = cannot watch { $path }: { $error }
cannot-catch-ctrl-c = cannot catch Ctrl-C: { $error }
watching = watching { $path } (Ctrl-C to stop)
watch-built = [{ $time }] built { $files ->
    [one] 1 file
   *[other] { $files } files
} in { $ms } ms
watch-failed = [{ $time }] { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}: the previous reports are kept
watch-error = [{ $time }] error: { $message }
watch-stopped = stopped

## status.
status-title = annals status for { $date } (records of { $year })
status-open = Open rectifications: { $count } ({ $overdue } overdue)
status-due-soon = Pledge items due in the next { $days } days: { $count }
status-units = Units
status-none = (none)
status-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
column-unit = unit
column-due = due
column-overdue = overdue
column-issue = issue
column-left = left
column-item = item
column-done = done
column-fulfilment = fulfilment
column-open = open
column-rectified = rectified

## import.
import-field = { $field }
import-place-sheet = sheet `{ $sheet }`, row { $row }
import-place-row = row { $row }
import-cell = { $place }, column { $column } ({ $header }): { $message }
import-missing-value = the { $field } is missing
hint-import-missing-value = every row needs its { $field }
import-conflicting-rows = this row belongs to the record of row { $first_row } (same unit and date) but gives another { $field }
hint-import-conflicting-rows = make the rows of one record agree, or give them different dates
import-not-a-date = `{ $text }` is not a date
hint-import-date = write a day that exists, as 2024-04-18, 2024年4月18日, 2024.4.18 or 2024/4/18, or make the cell an Excel date
import-not-yes-no = `{ $word }` is neither yes nor no
hint-import-yes-no = write 是 or 否 (yes or no)
import-ambiguous-unit = the short name `{ $word }` is shared by several units
hint-import-ambiguous-unit = write the unit's id or full name instead: { $units }
hint-import-units-listed = units are listed in units.yaml (by id, name or short name); add the unit there or correct the cell
import-no-header = none of the first { $rows } rows names the columns
import-no-header-in-sheet = none of the first { $rows } rows of sheet `{ $sheet }` names the columns
hint-import-header = put a header row above the data with at least { $headers }
import-missing-column = { $place }: no column for { $header } ({ $field })
hint-import-column-near = did you mean the column `{ $near }`? { $rest }
hint-import-column-headers = a header of { $headers } names it
import-duplicate-column = { $place }: columns { $first } ({ $first_header }) and { $second } ({ $second_header }) both give the { $field }
hint-import-duplicate-column = keep one of them, or rename the other
import-csv-has-no-sheets = { $file } is a CSV file: it has no sheets to choose
import-cannot-read = cannot read { $file }: { $error }
import-wrong-type = cannot import { $file }: annals reads .xlsx and .csv files (save the sheet as one of them)
import-no-such-sheet = { $file } has no sheet `{ $wanted }`; its sheets are { $sheets }
import-no-such-sheet-near = { $file } has no sheet `{ $wanted }`; did you mean `{ $near }`? its sheets are { $sheets }
import-no-sheets = { $file } has no sheets
import-cannot-read-sheet = cannot read sheet `{ $sheet }` of { $file }: { $error }
import-not-text = { $file } is neither UTF-8 nor GB18030 text; save it from the spreadsheet as CSV UTF-8
import-bad-csv-row = { $file }: row { $row }: { $error }
import-bad-bom = { $file } starts with a UTF-8 byte-order mark but is not UTF-8 text
import-no-free-name = no free file name
import-note-encoding = note: read { $file } as { $encoding }
import-note-ignored = note: columns not imported: { $columns }
import-would-write = would write { $path } (rows { $rows }):
import-wrote = wrote { $path } (rows { $rows })
import-made = { $rows } data rows made { $records } record files
import-would-make = { $rows } data rows would make { $records } record files; nothing was written (--dry-run)

## serve and schema.
cannot-read-path = cannot read { $path }: { $error }
serve-cannot-start = cannot start the server: { $error }
serve-cannot-serve = cannot serve: { $error }
serve-stopped = the server stopped: { $error }
serve-reports = Reports
serve-column-report = report
serve-column-formats = formats
serve-last-built = Last built { $at }.
serve-building = Building…
serve-not-found = Not found
serve-only-reports = Only the reports are served: see
serve-the-list = the list
serve-first-build-failed = No report yet: the first build failed.
schema-cannot-write = cannot write the schemas into { $dir }: { $error }
cannot-listen = cannot listen on 127.0.0.1:{ $port }: { $error }
serving = serving { $url } (Ctrl-C to stop)
browser-failed = cannot open a browser ({ $error }); open { $url } yourself

## build's lines.
wrote = wrote { $path }
nothing-written = nothing was written
import-unplaceable = rows { $rows }: { $error }
