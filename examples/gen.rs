//! Writes a valid, realistic records folder of N units for benchmarks and
//! property checks: per unit a unit pledge of 3–6 items, two inspection
//! rounds with findings and a public appraisal (4 files a unit), plus member
//! pledges (one list file per 50 units), leadership comments and two honours
//! ceremonies. The same N always gives the same folder.
//!
//! Usage: cargo run --release --example gen -- --units N --out DIR

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A small deterministic generator (a 64-bit LCG): no dependency, no seed
/// from the clock, so folders are reproducible.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PLEDGES: &[&str] = &[
    "修建村级文化广场",
    "完成主干道路灯安装",
    "硬化通组公路1公里",
    "建设农产品电商服务站",
    "完成人居环境整治示范点建设",
    "发展特色种植基地50亩",
    "规范村级财务公开",
    "开展党员志愿服务每月一次",
    "完成危房改造10户",
    "建立矛盾纠纷调解室",
];
const FINDINGS: &[&str] = &[
    "三会一课记录不完整",
    "党务公开栏更新不及时",
    "党费收缴登记不规范",
    "村级财务收支未按期公开",
    "发展党员材料不齐全",
    "党员活动室被挪作他用",
];
const STATUSES: &[&str] = &[
    "done",
    "done",
    "done",
    "done",
    "done",
    "partial",
    "in-progress",
    "missed",
    "dropped",
];
const NAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];
const GIVEN: &[&str] = &[
    "建国", "秀英", "志强", "桂兰", "海燕", "永福", "文博", "丽娟",
];

fn main() {
    let mut units = 250usize;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--units", Some(n)) => units = n.parse().unwrap_or_else(|_| usage()),
            ("--out", Some(dir)) => out = PathBuf::from(dir),
            _ => usage(),
        }
    }
    if out.exists() && fs::read_dir(&out).map_or(true, |mut d| d.next().is_some()) {
        eprintln!("{} exists and is not empty", out.display());
        std::process::exit(2);
    }
    let files = generate(&out, units);
    println!(
        "wrote {files} files for {units} units into {}",
        out.display()
    );
}

fn usage() -> ! {
    eprintln!("usage: gen --units N --out DIR");
    std::process::exit(2)
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn id(n: usize) -> String {
    format!("u{n:05}")
}

fn person(dice: &mut Dice) -> String {
    format!("{}{}", dice.pick(NAMES), dice.pick(GIVEN))
}

fn generate(out: &Path, units: usize) -> usize {
    let mut dice = Dice(units as u64);
    let mut files = 0;
    let mut write_file = |path: PathBuf, text: &str| {
        write(&path, text);
        files += 1;
    };
    write_file(
        out.join("annals.yaml"),
        "organisation: 示范县委组织部\nyear: 2024\nlocale: zh-CN\nsigned: 2024-12-28\n",
    );
    let mut roster = String::new();
    for n in 0..units {
        let _ = writeln!(
            roster,
            "- {{id: {}, name: 第{n}村党支部, short: 第{n}村, kind: village}}",
            id(n)
        );
    }
    write_file(out.join("units.yaml"), &roster);
    let mut members = String::new();
    let mut appraisals = String::new();
    for n in 0..units {
        let unit = id(n);
        let month = 1 + dice.below(3);
        let mut pledge = format!("---\nunit: {unit}\nmade: 2024-{month:02}-15\nitems:\n");
        for _ in 0..3 + dice.below(4) {
            let status = dice.pick(STATUSES);
            let _ = write!(
                pledge,
                "  - text: {}\n    due: 2024-{:02}-28\n    status: {status}\n",
                dice.pick(PLEDGES),
                6 + dice.below(7)
            );
            if status == "done" {
                pledge.push_str("    done: 2024-05-20\n");
            }
        }
        pledge.push_str("---\n本支部向群众公开承诺，接受监督。\n");
        write_file(out.join(format!("pledges/2024/{unit}.md")), &pledge);
        for (round, date, kind) in [(1, "2024-05-10", "routine"), (2, "2024-10-15", "special")] {
            let mut text = format!("date: {date}\nunit: {unit}\nteam: 县委督查组\nkind: {kind}\n");
            let findings = dice.below(3);
            if findings > 0 {
                text.push_str("findings:\n");
            }
            for _ in 0..findings {
                let open = dice.below(4) == 0;
                let severity = if dice.below(5) == 0 { "major" } else { "minor" };
                let _ = write!(
                    text,
                    "  - issue: {}\n    severity: {severity}\n    action: 限期整改\n    due: 2024-{:02}-30\n    status: {}\n",
                    dice.pick(FINDINGS),
                    if round == 1 { 6 } else { 11 },
                    if open { "open" } else { "closed" }
                );
                if !open {
                    let _ = writeln!(
                        text,
                        "    closed: 2024-{:02}-20",
                        if round == 1 { 6 } else { 11 }
                    );
                }
            }
            write_file(
                out.join(format!("inspections/2024/{date}-{unit}.yaml")),
                &text,
            );
        }
        let satisfied = 30 + dice.below(30);
        let _ = writeln!(
            appraisals,
            "date: 2024-12-20\nunit: {unit}\nkind: public\nvotes: {{satisfied: {satisfied}, basic: {}, unsatisfied: {}}}",
            dice.below(12),
            dice.below(5)
        );
        write_file(
            out.join(format!("appraisals/2024/{unit}.yaml")),
            &appraisals,
        );
        appraisals.clear();
        let _ = write!(
            members,
            "- unit: {unit}\n  person: {}\n  made: 2024-03-01\n  items:\n    - text: {}\n      status: {}\n",
            person(&mut dice),
            dice.pick(PLEDGES),
            dice.pick(STATUSES)
        );
        if n % 50 == 49 || n + 1 == units {
            write_file(
                out.join(format!("pledges/2024/members-{:05}.yaml", n / 50)),
                &members,
            );
            members.clear();
        }
    }
    let mut comments = String::new();
    for n in (0..units).step_by(10) {
        let _ = writeln!(
            comments,
            "- {{date: 2024-12-22, unit: {}, kind: leadership, comment: 班子团结，承诺兑现较好。}}",
            id(n)
        );
    }
    write_file(out.join("appraisals/2024/leadership.yaml"), &comments);
    let honoured: Vec<String> = (0..units).step_by(7).map(id).collect();
    let people: Vec<String> = (0..units)
        .step_by(5)
        .map(|n| format!("{{name: {}, unit: {}}}", person(&mut dice), id(n)))
        .collect();
    write_file(
        out.join("honours/2024-07-01.yaml"),
        &format!(
            "date: 2024-07-01\noccasion: 庆祝建党大会\nby: 县委\nawards:\n  - category: 先进基层党组织\n    units: [{}]\n  - category: 优秀共产党员\n    people: [{}]\n",
            honoured.join(", "),
            people.join(", ")
        ),
    );
    write_file(
        out.join("honours/2024-12-18.yaml"),
        "date: 2024-12-18\noccasion: 年终总结大会\nawards:\n  - category: 优秀党务工作者\n    people: [王建国, 李秀英]\n",
    );
    for (section, title) in [
        ("practices", "强化督办，狠抓落实"),
        ("problems", "党员队伍老化"),
        ("plans", "健全长效机制"),
    ] {
        write_file(
            out.join(format!("narrative/{section}.md")),
            &format!("---\nsection: {section}\ntitle: {title}\n---\n正文。\n"),
        );
    }
    files
}
