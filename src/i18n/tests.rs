use std::collections::BTreeSet;

use fluent_syntax::ast;

use super::*;

/// The messages a catalogue defines, with the variables each refers to.
fn defined(lang: Lang) -> Vec<(String, BTreeSet<String>)> {
    let resource = fluent_syntax::parser::parse(lang.catalogue())
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", lang.tag()));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(pattern) = &m.value {
                    pattern_vars(pattern, &mut vars);
                }
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn both_catalogues_define_every_message_and_nothing_else() {
    let ids: BTreeSet<&str> = IDS.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), IDS.len(), "a message id is listed twice");
    for lang in Lang::ALL {
        let defined = defined(lang);
        let names: BTreeSet<&str> = defined.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            names.len(),
            defined.len(),
            "{} defines an id twice",
            lang.tag()
        );
        let missing: Vec<_> = ids.difference(&names).collect();
        let unused: Vec<_> = names.difference(&ids).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
        assert!(
            unused.is_empty(),
            "{} defines unused {unused:?}",
            lang.tag()
        );
    }
}

#[test]
fn every_message_uses_only_the_arguments_it_is_given() {
    for lang in Lang::ALL {
        for (id, vars) in defined(lang) {
            let Some((_, fields)) = IDS.iter().find(|(i, _)| *i == id) else {
                continue;
            };
            let fields: BTreeSet<String> = fields.iter().map(|f| (*f).to_owned()).collect();
            let unknown: Vec<_> = vars.difference(&fields).collect();
            assert!(unknown.is_empty(), "{} `{id}` uses {unknown:?}", lang.tag());
        }
    }
}

#[test]
fn arguments_are_filled_in_without_isolation_marks() {
    let message = Message::UnknownUnit {
        id: "leifang".into(),
    };
    assert_eq!(message.text(Lang::En), "unknown unit `leifang`");
    assert_eq!(message.text(Lang::ZhCn), "未知的单位`leifang`");
}

#[test]
fn plurals_follow_the_language() {
    let summary = |errors: usize, warnings: usize| Message::CheckSummary {
        errors,
        warnings,
        files: 57,
    };
    assert_eq!(
        summary(2, 1).text(Lang::En),
        "2 errors, 1 warning in 57 files"
    );
    assert_eq!(
        summary(2, 1).text(Lang::ZhCn),
        "共发现2个错误、1个警告（检查了57个文件）"
    );
    assert_eq!(
        Message::CheckClean { files: 1 }.text(Lang::En),
        "no problems in 1 file"
    );
}

#[test]
fn lists_and_nested_messages_take_the_language() {
    let hint = Message::HintFields {
        what: Message::NounPledgeItem.boxed(),
        fields: vec!["text".into(), "due".into()],
    };
    assert_eq!(
        hint.text(Lang::En),
        "a pledge item has the fields: text, due"
    );
    assert_eq!(hint.text(Lang::ZhCn), "承诺事项的字段有：text、due");
}

#[test]
fn the_environment_chooses_in_posix_order() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert_eq!(Lang::from_vars(env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
    assert_eq!(Lang::from_vars(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_vars(env(&[])), Lang::En);
    let c_overrides = env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]);
    assert_eq!(Lang::from_vars(c_overrides), Lang::En);
    let empty_skipped = env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "en")]);
    assert_eq!(Lang::from_vars(empty_skipped), Lang::ZhCn);
}

#[test]
fn tags_parse_by_language() {
    assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("zh"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
    assert_eq!(Lang::parse("fr"), None);
    assert_eq!(Lang::choose(Some(Lang::En), Some(Lang::ZhCn)), Lang::En);
    assert_eq!(Lang::choose(None, Some(Lang::ZhCn)), Lang::ZhCn);
}
