use super::*;
use crate::document::read;

fn body(markdown: &str) -> String {
    fragment(&read(markdown))
}

fn title(markdown: &str) -> String {
    read(markdown).title()
}

const SAMPLE: &str = "# 青石镇党委2024年度<考核>评价报告\n\n\
    根据年度考核评价办法，对所属10个单位进行了**综合**考核评价。\n\n\
    ## 一、考核评价结果\n\n\
    | 名次 | 单位 | 综合得分 | 等次 |\n| ---: | --- | ---: | :---: |\n\
    | 1 | 青石村党支部 | 100.0 | 优秀 |\n| 2 | 龙潭村党支部 | 66.2 | 一般 |\n\n\
    ```chart\ntitle: 各单位综合得分\nunit: 分\nmax: 100\n青石村: 100\n龙潭村：66.2\n```\n\n\
    - **优秀**：青石村等1个单位。\n- [链接](https://example.org/a?b=1&c=2)\n\n\
    > 引用 `代码` <b>粗</b>\n\n\
    青石镇党委\n\n2024年12月28日\n";

/// The names of the attributes of every tag in `html`, quoted values
/// skipped.
fn attribute_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in html.split('<').skip(1) {
        let mut rest = tag.split_once('>').map_or(tag, |(t, _)| t);
        // Skip the tag name.
        rest = rest.trim_start_matches(|c: char| !c.is_whitespace());
        loop {
            rest = rest.trim_start();
            let Some(end) = rest.find(|c: char| c == '=' || c.is_whitespace()) else {
                if !rest.is_empty() && rest != "/" {
                    names.push(rest.to_string());
                }
                break;
            };
            names.push(rest[..end].to_string());
            rest = &rest[end..];
            if let Some(value) = rest.strip_prefix("=\"") {
                rest = value.split_once('"').map_or("", |(_, r)| r);
            }
        }
    }
    names
}

#[test]
fn raw_html_is_escaped_text() {
    let out = body(
        "<script>alert(1)</script>\n\n\
         text <img src=x onerror=alert(1)> and <a href=\"javascript:x\">a</a>\n\n\
         <div onclick=\"alert(1)\">\n<b>x</b>\n</div>\n\n<style>p{}</style>\n\n结束。\n",
    );
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(!out.contains("<div onclick"), "{out}");
    assert!(!out.contains("<style"), "{out}");
    assert!(!out.contains("<b>"), "{out}");
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{out}"
    );
    assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
    assert!(attribute_names(&out).is_empty(), "{out}");
}

#[test]
fn unsafe_links_keep_only_their_text() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java%0ascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ] {
        let out = body(&format!("[x]({url}) [y](<{url}>)\n\n<{url}>\n"));
        assert!(!out.contains("href"), "{url}: {out}");
        assert!(out.contains('x'), "{url}: {out}");
    }
    let out = body("[x](java\tscript:alert(1)) [y](  javascript:alert(1))\n");
    assert!(!out.contains("href"), "{out}");
    let out = body("[x](javascript:alert(1))\n\n[r]: javascript:alert(2)\n\n[z][r]\n");
    assert!(!out.to_ascii_lowercase().contains("javascript:\""), "{out}");
    assert!(!out.contains("href"), "{out}");
    assert_eq!(
        body("[x](javascript:alert(1)) 正文。\n"),
        "<p>x 正文。</p>\n"
    );
}

#[test]
fn safe_links_and_images_are_kept() {
    let out = body(
        "[a](https://example.org/x?a=1&b=2) [b](http://example.org) [c](mailto:a@b.c) \
         [d](../other.html) [e](#part) <https://example.org> <a@b.c>\n",
    );
    assert!(
        out.contains("href=\"https://example.org/x?a=1&amp;b=2\""),
        "{out}"
    );
    assert!(out.contains("href=\"http://example.org\""), "{out}");
    assert!(out.contains("href=\"mailto:a@b.c\""), "{out}");
    assert!(out.contains("href=\"../other.html\""), "{out}");
    assert!(out.contains("href=\"#part\""), "{out}");
    assert_eq!(out.matches("<a ").count(), 7, "{out}");

    let out = body("![logo](img/logo.png \"t\") ![web](https://example.org/a.png)\n");
    assert!(
        out.contains("<img src=\"img/logo.png\" alt=\"logo\" title=\"t\">"),
        "{out}"
    );
    assert!(out.contains("src=\"https://example.org/a.png\""), "{out}");
    let out = body(
        "![bad *alt*](javascript:alert(1)) ![d](data:image/png;base64,AAAA) ![m](mailto:a@b.c)\n",
    );
    assert!(!out.contains("<img"), "{out}");
    // The alt text is plain text, as in docx.
    assert!(out.contains("bad alt"), "{out}");
    assert!(out.contains('d') && out.contains('m'), "{out}");
    // Attributes stay quoted and escaped.
    let out = body("[x](https://e.org/\"onmouseover=alert(1) \"t\\\" onclick=\\\"x\")\n");
    assert_eq!(attribute_names(&out), ["href", "title"], "{out}");
}

#[test]
fn chart_becomes_svg() {
    let out = body(
        "```chart\ntitle: 各单位 <得分> & 排名\nunit: 分\nmax: 100\n\
         青石村: 100\n龙潭村：66.2\n<script>alert(1)</script>: 50\n\
         a:b:c: 7\nnot a bar\nbad: x\ninf: inf\n```\n",
    );
    assert_eq!(out.matches("<svg").count(), 1, "{out}");
    assert_eq!(out.matches("<rect").count(), 4, "{out}");
    assert!(out.starts_with("<figure class=\"chart\"><svg"), "{out}");
    assert!(
        out.contains("<figcaption>各单位 &lt;得分&gt; &amp; 排名</figcaption>"),
        "{out}"
    );
    assert!(out.contains(">青石村</text>"), "{out}");
    assert!(out.contains(">龙潭村</text>"), "{out}");
    assert!(out.contains(">100分</text>"), "{out}");
    assert!(out.contains(">66.2分</text>"), "{out}");
    assert!(out.contains(">a:b:c</text>"), "{out}");
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{out}"
    );
    assert!(!out.contains("<script"), "{out}");
    // Bar lengths follow value / max over the same width.
    let widths: Vec<f64> = out
        .split("<rect ")
        .skip(1)
        .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    assert_eq!(widths.len(), 4);
    assert!((widths[1] / widths[0] - 0.662).abs() < 0.01, "{widths:?}");
    assert!((widths[2] / widths[0] - 0.5).abs() < 0.01, "{widths:?}");
}

#[test]
fn chart_defaults_and_edge_cases() {
    // max defaults to the largest value, and to at least 1.
    let out = body("```chart\nA: 2\nB: 4\nC: -3\n```\n");
    assert_eq!(out.matches("<rect").count(), 3, "{out}");
    assert!(!out.contains("<figcaption"), "{out}");
    assert!(out.contains("width=\"0\" height=\"18\""), "{out}");
    let zero = body("```chart\nA: 0\nB: 0.5\n```\n");
    assert_eq!(zero.matches("<rect").count(), 2, "{zero}");
    // An English unit gets a space; values may be wider than max.
    let en = body("```chart\nunit: points\nmax: 10\nScore: 25\n```\n");
    assert!(en.contains(">25 points</text>"), "{en}");
    // Nothing to draw: the block stays as code.
    let none = body("```chart\ntitle: empty\njust text\n```\n");
    assert!(!none.contains("<svg"), "{none}");
    assert!(none.contains("<pre><code>"), "{none}");
    assert!(none.contains("just text"), "{none}");
    // Other code blocks are code.
    let code = body("```rust\nfn main() {}\n```\n");
    assert!(code.contains("<pre><code>fn main() {}"), "{code}");
    // Long labels are cut and keep the full text as a tooltip.
    let long = "很".repeat(40);
    let cut = body(&format!("```chart\n{long}: 3\n```\n"));
    assert!(cut.contains(&format!("<title>{long}</title>")), "{cut}");
    assert!(cut.contains("…</text>"), "{cut}");
}

#[test]
fn chart_inside_a_list_and_a_forged_placeholder() {
    let out = body(
        "- item\n\n  ```chart\n  A: 1\n  ```\n\n\
         <annals-chart></annals-chart> &lt;annals-chart&gt;&lt;/annals-chart&gt;\n",
    );
    assert_eq!(out.matches("<svg").count(), 1, "{out}");
    assert!(!out.contains("<annals-chart"), "{out}");
}

#[test]
fn tables_have_head_and_wrapper() {
    let out = body(
        "| 名次 | 单位 | 得分 | 等次 |\n| ---: | --- | ---: | :-: |\n| 1 | 青石村 | 100.0 | 优秀 |\n| 2 | 龙潭村 | 66.2 | 一般 |\n",
    );
    assert!(
        out.starts_with("<div class=\"table-wrap\">\n<table><thead><tr>"),
        "{out}"
    );
    assert!(
        out.contains("<th class=\"align-right\">名次</th><th>单位</th>"),
        "{out}"
    );
    assert!(out.contains("</thead><tbody>"), "{out}");
    assert!(
        out.contains("<td class=\"align-right number\">66.2</td>"),
        "{out}"
    );
    assert!(
        out.contains("<td class=\"align-center short\">一般</td>"),
        "{out}"
    );
    assert_eq!(out.matches("<tr>").count(), 3, "{out}");
    assert!(
        out.trim_end().ends_with("</tbody></table>\n</div>"),
        "{out}"
    );
    assert!(!out.contains("style="), "{out}");
}

#[test]
fn signature_paragraphs_get_the_class() {
    let out = body(SAMPLE);
    assert!(
        out.contains("<p class=\"signature\">青石镇党委</p>"),
        "{out}"
    );
    assert!(
        out.contains("<p class=\"signature\">2024年12月28日</p>"),
        "{out}"
    );
    assert_eq!(out.matches("class=\"signature\"").count(), 2, "{out}");
    assert_eq!(
        out.matches("<div class=\"signature-block\">").count(),
        1,
        "{out}"
    );

    let en = body(
        "Some text that is a long sentence of the body.\n\nQingshi Town Party Committee\n\n28 December 2024\n",
    );
    assert_eq!(en.matches("class=\"signature\"").count(), 2, "{en}");
    // Only the date.
    let one = body("正文内容。\n\n2024年12月28日\n");
    assert_eq!(one.matches("class=\"signature\"").count(), 1, "{one}");
    // Not a sentence, not a long paragraph, not a table or a list.
    for text in [
        "正文。\n\n特此报告。\n",
        "青石镇党委\n\n这是一个很长很长的段落，它的字数远远超过了三十个字，所以不能算作落款的一部分。\n",
        "正文。\n\n| a |\n| - |\n| 1 |\n",
        "正文。\n\n- 青石镇党委\n",
        "正文。\n\n[青石镇党委](https://example.org)\n",
        "",
    ] {
        assert!(!body(text).contains("signature"), "{text}: {}", body(text));
    }
    // Three short paragraphs: only the last two.
    let three = body("甲\n\n乙\n\n丙\n");
    assert_eq!(
        three,
        "<p>甲</p>\n<div class=\"signature-block\">\n<p class=\"signature\">乙</p>\n<p class=\"signature\">丙</p>\n</div>\n"
    );
}

#[test]
fn title_is_the_first_level_one_heading() {
    assert_eq!(title(SAMPLE), "青石镇党委2024年度<考核>评价报告");
    assert_eq!(
        title("## 二级\n\n# *Annual* `report`\n\n# second\n"),
        "Annual report"
    );
    assert_eq!(title("Setext\ntitle\n======\n"), "Setext title");
    assert_eq!(title("no heading\n"), "");
    assert_eq!(title(""), "");
    assert!(body(SAMPLE).contains("<h1>青石镇党委2024年度&lt;考核&gt;评价报告</h1>"));
}

#[test]
fn same_input_same_output() {
    assert_eq!(body(SAMPLE), body(SAMPLE));
    assert_eq!(title(SAMPLE), title(SAMPLE));
    let golden = include_str!("../../../tests/golden/zh-CN/evaluation.md");
    assert_eq!(body(golden), body(golden));
}

#[test]
fn every_prefix_converts_without_panic() {
    let golden = include_str!("../../../tests/golden/zh-CN/evaluation.md");
    for doc in [SAMPLE, golden] {
        for (i, _) in doc.char_indices().chain([(doc.len(), ' ')]) {
            let prefix = &doc[..i];
            let _ = body(prefix);
            let _ = title(prefix);
        }
    }
    for odd in [
        "```chart\n:\n：\n: :\nmax: 0\nmax: -1\nx: 1e400\ny: -0\n```",
        "```chart\nmax: NaN\nunit: %\nz: 5%\n```",
        "```chart",
        "[a](<javascript:x",
        "<",
        "![](",
        "|a|\n|-|\n|<script>|",
        "\u{0}\u{feff}# \u{202e}x",
    ] {
        let _ = body(odd);
        let _ = title(odd);
    }
}

#[test]
fn the_layout_renders_with_tera() {
    let layout = include_str!("../../../templates/layout.html");
    let mut tera = tera::Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    tera.add_raw_template("layout.html", layout)
        .expect("layout.html compiles");
    let mut context = tera::Context::new();
    context.insert("title", &title(SAMPLE));
    context.insert("lang", "zh-CN");
    context.insert("report", "evaluation");
    context.insert("body", &body(SAMPLE));
    context.insert("organisation", "青石镇党委 & \"Co\"");
    context.insert("year", &2024);
    let page = tera.render("layout.html", &context).expect("renders");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
        "{page}"
    );
    assert!(
        page.contains("<title>青石镇党委2024年度&lt;考核&gt;评价报告</title>"),
        "{page}"
    );
    assert!(
        page.contains("content=\"青石镇党委 &amp; &quot;Co&quot;\""),
        "{page}"
    );
    assert!(page.contains("<figure class=\"chart\"><svg"), "{page}");
    assert!(!page.contains("{{") && !page.contains("{%"), "{page}");
    // Self-contained: nothing fetched.
    for external in ["<link", "<script", "@import", "url(", "src=\"http"] {
        assert!(!page.contains(external), "{external}");
    }
}

#[test]
fn dates_numbers_and_short_words_are_marked_to_stay_whole() {
    let out = body(
        "| 序号 | 问题 | 整改时限 | 整改率 | 整改状态 |\n| ---: | --- | --- | --- | --- |\n\
         | 1 | 村集体山林出租合同未经村民代表会议审议即签订 | 2024年7月15日 | 71.4% | 未整改 |\n\
         | 2 | 台账不清 | 2024-10-15 | 100% | 已整改 |\n",
    );
    assert!(
        out.contains("<td class=\"align-right number\">1</td>"),
        "{out}"
    );
    assert!(
        out.contains("<td>村集体山林出租合同未经村民代表会议审议即签订</td>"),
        "a long text may wrap: {out}"
    );
    assert!(
        out.contains("<td class=\"date\">2024年7月15日</td>"),
        "{out}"
    );
    assert!(out.contains("<td class=\"date\">2024-10-15</td>"), "{out}");
    assert!(out.contains("<td class=\"percent\">71.4%</td>"), "{out}");
    assert!(out.contains("<td class=\"short\">未整改</td>"), "{out}");
    // The header row is never marked: a header may take two lines.
    assert!(
        out.contains("<th>整改时限</th><th>整改率</th><th>整改状态</th>"),
        "{out}"
    );
    // One long text makes the whole column wrappable.
    let mixed = body("| 状态 |\n| --- |\n| 未整改 |\n| 已于十一月底前全部整改到位 |\n");
    assert!(!mixed.contains("short"), "{mixed}");
}

const WIDE_HEADER: &str = "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |\n\
    | - | - | - | - | - | - | - | - | - |\n| a | b | c | d | e | f | g | h | i |\n";

#[test]
fn the_part_holding_a_wide_table_is_a_landscape_section() {
    let evaluation = body(&format!(
        "# 考核评价报告\n\n考核情况如下。\n\n## 一、考核评价结果\n\n{WIDE_HEADER}\n注：说明。\n\n\
         ## 二、得分说明\n\n说明。\n"
    ));
    let open = evaluation
        .find("<section class=\"landscape\">\n<h2>一、考核评价结果</h2>")
        .unwrap_or_else(|| panic!("the section opens at the heading: {evaluation}"));
    let close = evaluation
        .find("<p>注：说明。</p>\n</section>\n<h2>二、得分说明</h2>")
        .unwrap_or_else(|| panic!("it closes before the next heading: {evaluation}"));
    assert!(open < close);
    assert!(evaluation.starts_with("<h1>考核评价报告</h1>\n<p>考核情况如下。</p>\n<section"));
    assert_eq!(evaluation.matches("<section").count(), 1, "{evaluation}");

    // No heading: the whole document, title and signature included.
    let ledger = body(&format!(
        "# 整改台账\n\n填报单位：青石镇。\n\n{WIDE_HEADER}\n```signature\n青石镇党委\n2024年12月28日\n```\n"
    ));
    assert!(
        ledger.starts_with("<section class=\"landscape\">\n<h1>整改台账</h1>"),
        "{ledger}"
    );
    assert!(ledger.ends_with("</div>\n</section>\n"), "{ledger}");

    // Eight columns fit a portrait page.
    let narrow = body("| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n| - | - | - | - | - | - | - | - |\n");
    assert!(!narrow.contains("<section"), "{narrow}");
}

fn furniture() -> Furniture {
    Furniture {
        issuer: Some("中共青石镇<委员会>文件".to_string()),
        number: Some("青党发〔2024〕12号".to_string()),
        cc: vec!["县委办公室".to_string(), "县纪委监委".to_string()],
        printed_by: Some("青石镇党委办公室".to_string()),
        printed_on: "2024年12月28日".to_string(),
    }
}

#[test]
fn the_masthead_and_the_colophon_frame_a_formal_document() {
    let out = framed(&read(SAMPLE), Some(&furniture()));
    assert!(
        out.starts_with("<div class=\"masthead\">\n<svg class=\"issuer\""),
        "{out}"
    );
    let issuer = out.split("</svg>").next().unwrap_or_default();
    assert!(
        issuer.contains("fill=\"#FF0000\">中共青石镇&lt;委员会&gt;文件</text>"),
        "the issuer in red, escaped: {issuer}"
    );
    // Its natural width: ten characters and two half ones of 44 pt.
    assert!(issuer.contains("width=\"484pt\""), "{issuer}");
    assert!(
        out.contains("<p class=\"document-number\">青党发〔2024〕12号</p>\n</div>\n<h1>"),
        "the number, then the title: {out}"
    );
    let colophon = "<div class=\"colophon\">\n<p class=\"cc\">抄送：县委办公室，县纪委监委。</p>\n\
        <p class=\"printed\"><span class=\"printed-by\">青石镇党委办公室</span>\
        <span class=\"printed-on\">2024年12月28日印发</span></p>\n</div>\n";
    assert!(out.ends_with(colophon), "the 版记 ends the document: {out}");
    assert!(out.find("class=\"signature\"") < out.find("class=\"colophon\""));
    assert_eq!(
        out.matches("<svg").count(),
        2,
        "the issuer and the chart: {out}"
    );
    assert_eq!(framed(&read(SAMPLE), Some(&furniture())), out);
}

#[test]
fn furniture_shows_only_what_is_given() {
    let plain = body(SAMPLE);
    assert_eq!(framed(&read(SAMPLE), None), plain);
    assert!(!plain.contains("masthead") && !plain.contains("colophon"));
    assert_eq!(framed(&read(SAMPLE), Some(&Furniture::default())), plain);

    // A number alone: its red line, no issuer.
    let number = Furniture {
        number: Some("青党发〔2024〕12号".to_string()),
        ..Furniture::default()
    };
    let out = framed(&read(SAMPLE), Some(&number));
    assert!(
        out.starts_with("<div class=\"masthead\">\n<p class=\"document-number\">"),
        "{out}"
    );
    assert_eq!(out.matches("<svg").count(), 1, "only the chart: {out}");
    assert!(!out.contains("colophon"), "{out}");

    // No 抄送: the 版记 is the 印发 line alone.
    let printed = Furniture {
        printed_by: Some("青石镇党委办公室".to_string()),
        printed_on: "2024年12月28日".to_string(),
        ..Furniture::default()
    };
    let out = framed(&read(SAMPLE), Some(&printed));
    assert!(
        out.contains("<div class=\"colophon\">\n<p class=\"printed\">"),
        "{out}"
    );
    assert!(!out.contains("抄送") && !out.contains("masthead"), "{out}");

    // An empty document still carries its furniture.
    let empty = framed(&read(""), Some(&furniture()));
    assert!(
        empty.starts_with("<div class=\"masthead\">") && empty.contains("colophon"),
        "{empty}"
    );
}

#[test]
fn a_ledger_with_furniture_keeps_its_masthead_on_the_landscape_page() {
    let out = framed(
        &read(&format!("# 整改台账\n\n{WIDE_HEADER}")),
        Some(&furniture()),
    );
    assert!(
        out.starts_with("<section class=\"landscape\">\n<div class=\"masthead\">"),
        "{out}"
    );
    assert!(out.ends_with("</div>\n</section>\n"), "{out}");
}

/// Markdown that makes the writer emit every element, attribute and class
/// it knows, except the furniture's (given separately).
const EVERY_ELEMENT: &str = "# 标题 & \"引号\" <尖括号>\n\n县委办公室：\n\n## 二级\n\n### 三级\n\n\
    #### 四级\n\n##### 五级\n\n###### 六级\n\n\
    正文**粗体**、*斜体*、`代码`，[链接](https://example.org/a?b=1&c=\"2\" \"标 题\")、\
    [相对](../a.html)、[邮件](mailto:a@b.c)、![图](img/a.png \"图题\")，换行  \n第二行。\n\n\
    3. 第三\n4. 第四\n   - 嵌套\n\n> 引用\n\n```\ncode <x> & y\n```\n\n---\n\n\
    | 日期 | 金额 | 比例 | 状态 | 说明 |\n| :--- | ---: | :---: | --- | --- |\n\
    | 2024-01-02 | 1,200 | 50% | 已整改 | 很长的说明文字很长的说明文字 |\n\n\
    ```chart\ntitle: 得分\n甲: 1\n```\n\n附件：1. 名单\n\n青石镇党委\n\n2024年12月28日\n";

#[test]
fn the_writer_emits_only_what_the_allow_list_keeps_unchanged() {
    let wide = format!("# 整改台账\n\n{WIDE_HEADER}");
    for markdown in [SAMPLE, EVERY_ELEMENT, wide.as_str(), ""] {
        for furniture in [None, Some(furniture())] {
            let html = written(&read(markdown), furniture.as_ref()).out;
            assert!(allowed::conforms(&html), "{html}");
            assert_eq!(allowed::clean(&html), html, "ammonia would change it");
        }
    }
    let every = written(&read(EVERY_ELEMENT), None).out;
    for part in [
        "<h6>",
        "<ol start=\"3\">",
        "<br>",
        "<hr>",
        "<blockquote>",
        "<pre><code>",
        "<img ",
        " title=\"",
        "class=\"align-right number\"",
        "class=\"addressee\"",
        "class=\"signature\"",
        "<annals-chart>",
    ] {
        assert!(every.contains(part), "{part} in {every}");
    }
}

#[test]
fn anything_outside_the_allow_list_goes_through_ammonia() {
    let hostile = [
        "<script>alert(1)</script>",
        "<p onclick=\"x\">a</p>",
        "<p style=\"color:red\">a</p>",
        "<p class=\"evil\">a</p>",
        "<p class=\"signature  cc\">a</p>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<a href=\"JavaScript:alert(1)\">a</a>",
        "<a href=\"java\tscript:alert(1)\">a</a>",
        "<a href=\" javascript:alert(1)\">a</a>",
        "<a href=\"javascript&#58;alert(1)\">a</a>",
        "<a href=\"data:text/html,x\">a</a>",
        "<a href=\"http://[bad\">a</a>",
        "<a href=\"x\" href=\"y\">a</a>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<img src=x>",
        "<img src=\"x\" />",
        "<a href='x'>a</a>",
        "<p title=\"a>b\">a</p>",
        "<!-- c --><p>a</p>",
        "<!doctype html><p>a</p>",
        "<P>a</P>",
        "<p>a</div>",
        "<p>a",
        "<p>a</p >",
        "<p>a > b</p>",
        "<p>a &#60; b</p>",
        "<p>a &quot; b</p>",
        "<p>a\r\nb</p>",
        "<p>a\u{a0}b</p>",
        "<svg><script>x</script></svg>",
        "<annals-chart onload=\"x\"></annals-chart>",
    ];
    for html in hostile {
        assert!(!allowed::conforms(html), "{html}");
        assert_eq!(allowed::sanitise(html.to_string()), allowed::clean(html));
    }
    // What ammonia makes of them is safe.
    let cleaned = allowed::sanitise(hostile.concat());
    for bad in [
        "<script",
        "onclick",
        "style=",
        "javascript",
        "onerror",
        "evil",
        "<svg",
    ] {
        assert!(
            !cleaned.to_ascii_lowercase().contains(bad),
            "{bad} in {cleaned}"
        );
    }
}
