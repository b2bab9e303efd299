use super::*;

fn text(inlines: &[Inline]) -> String {
    plain_text(inlines)
}

#[test]
fn title_addressee_headings_and_leads() {
    let doc = read(
        "# 关于2024年度工作的报告\n\n县委组织部：\n\n现将有关情况报告如下：\n\n## 一、基本情况\n\n\
         ### （一）公开承诺\n\n1、**广泛宣传。**年初召开大会。\n\n**突出重点**，狠抓落实。\n",
    );
    let b = &doc.blocks;
    assert!(matches!(&b[0], Block::Title(t) if text(t) == "关于2024年度工作的报告"));
    assert!(matches!(&b[1], Block::Addressee(t) if text(t) == "县委组织部："));
    // A sentence ending with a colon is body text.
    assert!(matches!(&b[2], Block::Paragraph(_)));
    assert!(matches!(&b[3], Block::Heading { level: 2, .. }));
    assert!(matches!(&b[4], Block::Heading { level: 3, .. }));
    let Block::Paragraph(p) = &b[5] else {
        panic!("{:?}", b[5])
    };
    assert_eq!(text(&p.lead), "1、广泛宣传。");
    assert!(matches!(&p.lead[1], Inline::Text(s) if s.bold));
    assert_eq!(text(&p.content), "年初召开大会。");
    let Block::Paragraph(p) = &b[6] else { panic!() };
    assert_eq!(text(&p.lead), "突出重点");
    assert_eq!(doc.title(), "关于2024年度工作的报告");
}

#[test]
fn the_long_opening_sentence_is_no_addressee() {
    let doc = read("# 总结\n\n2024年，全镇上下团结一心，现将有关情况总结如下：\n");
    assert!(matches!(&doc.blocks[1], Block::Paragraph(_)));
    let en = read("# Report\n\nTo the County Organisation Department:\n\nBody.\n");
    assert!(matches!(&en.blocks[1], Block::Addressee(_)));
}

#[test]
fn a_signature_block_attachment_note_and_attachments() {
    let doc = read(
        "# 总结\n\n正文。\n\n附件：1. 2024年度表彰名单\n2. 未兑现承诺事项\n\n\
         ```signature\n中共木梓乡委员会\n2024年12月28日\n```\n\n\
         # 附件1 2024年度表彰名单\n\n名单。\n\n# 附件2\n\n事项。\n",
    );
    let b = &doc.blocks;
    let Block::AttachmentNote(note) = &b[2] else {
        panic!("{:?}", b[2])
    };
    assert_eq!(note.label, "附件：");
    assert_eq!(note.items, ["1. 2024年度表彰名单", "2. 未兑现承诺事项"]);
    let Block::Signature(s) = &b[3] else {
        panic!("{:?}", b[3])
    };
    assert_eq!(s.signers, ["中共木梓乡委员会"]);
    assert_eq!(s.date, "2024年12月28日");
    let Block::Attachment(a) = &b[4] else {
        panic!("{:?}", b[4])
    };
    assert_eq!(
        (a.label.as_str(), a.title.as_str()),
        ("附件1", "2024年度表彰名单")
    );
    assert!(matches!(&b[6], Block::Attachment(a) if a.label == "附件2" && a.title.is_empty()));
    // The note's label on its own line, the titles as a list.
    let doc = read("正文。\n\n附件：\n1. 名单\n2. 事项\n");
    let Block::AttachmentNote(note) = &doc.blocks[1] else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(note.items, ["1. 名单", "2. 事项"]);
}

#[test]
fn without_a_signature_block_the_trailing_short_lines_sign() {
    let doc = read("正文。\n\n特此报告。\n\n青石镇党委\n\n2024年12月28日\n");
    let b = &doc.blocks;
    assert_eq!(b.len(), 3);
    let Block::Signature(s) = &b[2] else {
        panic!("{:?}", b[2])
    };
    assert_eq!(
        (s.signers.clone(), s.date.as_str()),
        (vec!["青石镇党委".to_string()], "2024年12月28日")
    );
    // "特此报告。" is a sentence, never a signature.
    let doc = read("正文。\n\n特此报告。\n");
    assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Signature(_))));
    // Bold lines do not sign.
    let doc = read("正文。\n\n**青石镇党委**\n");
    assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Signature(_))));
}

#[test]
fn cells_are_typed_and_wide_tables_known() {
    let doc = read(
        "| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n\
         | 青石村 | 1,234 | 87.5% | 2024-04-18 | 2024年4月18日 | 2024年2月30日 |\n",
    );
    let Block::Table(t) = &doc.blocks[0] else {
        panic!()
    };
    let values: Vec<&Value> = t.rows[0].iter().map(|c| &c.value).collect();
    assert_eq!(
        values,
        [
            &Value::Text,
            &Value::Number(1234.0),
            &Value::Percent(0.875),
            &Value::Date {
                year: 2024,
                month: 4,
                day: 18
            },
            &Value::Date {
                year: 2024,
                month: 4,
                day: 18
            },
            &Value::Text,
        ]
    );
    assert!(!t.needs_landscape());
    let wide = format!("|{}\n|{}\n", " x |".repeat(9), "---|".repeat(9));
    assert!(read(&wide).has_wide_table());
}

#[test]
fn charts_and_unsafe_links() {
    let doc = read(
        "```chart\ntitle: 指标\nunit: %\na: 50\n```\n\n[x](javascript:alert(1)) [y](https://e.org)\n",
    );
    let Block::Chart(c) = &doc.blocks[0] else {
        panic!()
    };
    assert_eq!((c.title.as_str(), c.bars.len()), ("指标", 1));
    let Block::Paragraph(p) = &doc.blocks[1] else {
        panic!()
    };
    assert!(matches!(&p.content[0], Inline::Text(s) if s.text == "x "));
    assert!(matches!(&p.content[1], Inline::Link(link) if link.url == "https://e.org"));
    assert_eq!(doc.fenced.len(), 1);
}

#[test]
fn soft_breaks_join_chinese_lines_and_space_latin_ones() {
    let doc = read("第一行\n第二行\n\nfirst\nsecond\n");
    let texts: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(text(&p.content)),
            Block::Signature(s) => Some(s.lines().collect::<Vec<_>>().join("|")),
            _ => None,
        })
        .collect();
    assert_eq!(texts[0], "第一行第二行");
}

#[test]
fn the_fenced_blocks_alone_are_those_of_the_whole_tree() {
    let markdown = "# 报告\n\n```chart\ntitle: 指标\nunit: %\na: 50\n```\n\n\
                    - 列表\n\n  ```chart\ntitle: 嵌套\nunit: %\nb: 1\n  ```\n\n\
                    > ```signature\n> 引用\n> ```\n\n```chart\n没有数值\n```\n\n    缩进代码\n\n\
                    ```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                    ```signature\n中共木梓乡委员会\n2024年12月28日\n```";
    let whole = read(markdown).fenced;
    assert_eq!(fenced(markdown), whole);
    // The top-level chart and the closing signature, not the nested ones.
    assert_eq!(whole.len(), 2);
    assert!(matches!(whole[0].1, Block::Chart(_)));
    assert!(matches!(whole[1].1, Block::Signature(_)));
}

#[test]
fn a_block_fenced_with_tildes_is_found_too() {
    let markdown = "正文\n\n~~~signature\n中共木梓乡委员会\n2024年12月28日\n~~~\n";
    let found = fenced(markdown);
    assert_eq!(found, read(markdown).fenced);
    assert!(matches!(found.as_slice(), [(_, Block::Signature(_))]));
    assert!(fenced("| a | b |\n|---|---|\n| 1 | 2 |\n").is_empty());
}

/// The text of every heading of `level`.
fn headings(doc: &Document, level: u8) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: l, content } if *l == level => Some(text(content)),
            _ => None,
        })
        .collect()
}

#[test]
fn fourth_and_fifth_level_headings_are_numbered_anew_under_each_heading_above() {
    let doc = read(
        "# 总结\n\n## 一、基本情况\n\n### （一）甲\n\n#### 组织建设\n\n##### 支部\n\n##### 党员\n\n\
         #### 作风建设\n\n##### 干部\n\n### （二）乙\n\n#### 宣传\n\n1、**广泛宣传。**年初召开大会。\n\n\
         ## 二、主要做法\n\n#### 3.已有编号\n\n#### 其后\n\n#### Organisation\n\n# 附件1 名单\n\n#### 名单说明\n",
    );
    assert_eq!(
        headings(&doc, 4),
        [
            "1.组织建设",
            "2.作风建设",
            "1.宣传",
            "3.已有编号",
            "2.其后",
            "Organisation",
            "1.名单说明"
        ]
    );
    assert_eq!(headings(&doc, 5), ["（1）支部", "（2）党员", "（1）干部"]);
    assert_eq!(
        headings(&doc, 3),
        ["（一）甲", "（二）乙"],
        "level 3 as written"
    );
    let lead = doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) if !p.lead.is_empty() => Some(text(&p.lead)),
        _ => None,
    });
    assert_eq!(
        lead.as_deref(),
        Some("1、广泛宣传。"),
        "run-in leads stay as written"
    );
}
