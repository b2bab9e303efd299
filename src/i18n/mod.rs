//! Every message a person reads, in their language (SPEC §4).
//!
//! Messages live in a Fluent catalogue per language (`en.ftl`, `zh-CN.ftl`,
//! compiled into the binary). Code never holds wording: it builds a typed
//! [`Message`] (one variant per message id, its arguments as fields) and
//! turns it into text with [`Message::text`] once the language is known.
//! Diagnostics keep their messages unrendered for that reason: the folder's
//! `locale` may only be known after the file that has the problem is read.

mod messages;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub use messages::{IDS, Message};

/// A language annals speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English: the fallback when nothing says otherwise.
    #[default]
    En,
    /// Simplified Chinese, as written in mainland China.
    ZhCn,
}

impl Lang {
    /// Every language, for tests over the whole catalogue.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The language of a tag such as `zh-CN`, `zh`, `en-GB` or `en`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let id: LanguageIdentifier = tag.parse().ok()?;
        match id.language.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set and not empty (the POSIX order); a value
    /// beginning with `zh` is Chinese, anything else English.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables, for tests.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty());
        match value {
            Some(v) if v.starts_with("zh") => Lang::ZhCn,
            _ => Lang::En,
        }
    }

    /// The language to speak: `--lang` if given, else the folder's
    /// `locale` if it states one, else the environment's.
    pub fn choose(flag: Option<Lang>, folder: Option<Lang>) -> Lang {
        flag.or(folder).unwrap_or_else(Lang::from_env)
    }

    /// The tag of the language, as `--lang` and `locale` write it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// How a list of words is joined in running text: `a, b, c` or `a、b、c`.
    fn list_separator(self) -> &'static str {
        match self {
            Lang::En => ", ",
            Lang::ZhCn => "、",
        }
    }

    fn catalogue(self) -> &'static str {
        match self {
            Lang::En => include_str!("en.ftl"),
            Lang::ZhCn => include_str!("zh-CN.ftl"),
        }
    }
}

/// An argument of a message, as the message's fields give it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text shown as it is (a file name, a word from the records).
    Text(String),
    /// A number, which also chooses plural forms.
    Number(f64),
    /// Words joined the way the language joins a list.
    List(Vec<String>),
    /// Another message, rendered in the same language (a noun, a hint).
    Message(Box<Message>),
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<Vec<String>> for Arg {
    fn from(words: Vec<String>) -> Self {
        Arg::List(words)
    }
}

impl From<Box<Message>> for Arg {
    fn from(message: Box<Message>) -> Self {
        Arg::Message(message)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        })*
    };
}

number_args!(usize, u16, u32, u64, i32, i64);

impl Arg {
    fn value(&self, lang: Lang) -> FluentValue<'static> {
        match self {
            Arg::Text(text) => FluentValue::from(text.clone()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::List(words) => FluentValue::from(words.join(lang.list_separator())),
            Arg::Message(message) => FluentValue::from(message.text(lang)),
        }
    }
}

/// The compiled catalogue of one language.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Lang::ALL.map(load));
    &bundles[lang as usize]
}

fn load(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the text goes to
    // terminals, files and JSON, where they would show as stray characters.
    bundle.set_use_isolating(false);
    // The catalogues are compiled in and tested to parse cleanly, so a
    // resource with errors keeps the entries that did parse.
    let resource = FluentResource::try_new(lang.catalogue().to_owned()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

impl Message {
    /// The message in `lang`, its arguments filled in.
    pub fn text(&self, lang: Lang) -> String {
        let bundle = bundle(lang);
        let Some(pattern) = bundle.get_message(self.id()).and_then(|m| m.value()) else {
            return self.id().to_owned();
        };
        let mut args = FluentArgs::new();
        for (name, arg) in self.args() {
            args.set(name, arg.value(lang));
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests;
